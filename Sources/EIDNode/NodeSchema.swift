import EIDStorage

/// The node's SQLite schema (docs/node.md, "Node database"), as ordered migrations.
enum NodeSchema {
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.registerMigration("node v1: configuration, enrollment log, batches") { db in
            try db.execute("""
                CREATE TABLE node_config (
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );

                -- One row per accepted enrollment: what an officer looks an application up by
                -- (docs/node.md, "Node database"). receipt_number, full_name and passport_number
                -- are the only applicant data in the clear; status and batch_seq change as the
                -- enrollment travels, everything else is fixed when it is committed.
                CREATE TABLE enrollment (
                    seq             INTEGER PRIMARY KEY CHECK (seq >= 1),
                    receipt_number  TEXT NOT NULL UNIQUE,
                    full_name       TEXT NOT NULL,
                    passport_number TEXT NOT NULL,
                    level           INTEGER NOT NULL CHECK (level IN (1, 2)),
                    status          TEXT NOT NULL DEFAULT 'received'
                                    CHECK (status IN ('received', 'batched', 'acknowledged', 'issued',
                                                      'rejected', 'manual_review')),
                    enrolled_at     TEXT NOT NULL,
                    batch_seq       INTEGER REFERENCES batch(batch_seq)
                );
                CREATE INDEX enrollment_passport ON enrollment(passport_number);
                CREATE INDEX enrollment_status ON enrollment(status, seq);
                CREATE INDEX enrollment_unbatched ON enrollment(seq) WHERE batch_seq IS NULL;
                CREATE TRIGGER enrollment_append_only_delete BEFORE DELETE ON enrollment
                BEGIN SELECT RAISE(ABORT, 'the enrollment log is append-only'); END;
                CREATE TRIGGER enrollment_fixed_columns
                BEFORE UPDATE OF seq, receipt_number, full_name, passport_number, level, enrolled_at ON enrollment
                BEGIN SELECT RAISE(ABORT, 'enrollment records cannot be changed'); END;

                -- The append-only log itself: record seq is the enrollment's canonical record
                -- (docs/PROTOCOL.md 1.3), whose personal data and biometrics are sealed to the
                -- authority. Kept apart from the mutable status columns so that a status change
                -- never rewrites the (large) record: it is written once and never touched.
                CREATE TABLE log_record (
                    seq          INTEGER PRIMARY KEY REFERENCES enrollment(seq),
                    record       BLOB NOT NULL,
                    record_hash  BLOB NOT NULL CHECK (length(record_hash) = 32)
                );
                CREATE TRIGGER log_record_append_only_delete BEFORE DELETE ON log_record
                BEGIN SELECT RAISE(ABORT, 'the enrollment log is append-only'); END;
                CREATE TRIGGER log_record_immutable BEFORE UPDATE ON log_record
                BEGIN SELECT RAISE(ABORT, 'enrollment records cannot be changed'); END;

                -- Receipt numbers count per node-local day.
                CREATE TABLE receipt_counter (
                    day  TEXT PRIMARY KEY,
                    last INTEGER NOT NULL
                );

                -- Signed batches: contiguous slices of the log, each chained to the previous.
                CREATE TABLE batch (
                    batch_seq        INTEGER PRIMARY KEY CHECK (batch_seq >= 1),
                    first_seq        INTEGER NOT NULL,
                    last_seq         INTEGER NOT NULL,
                    record_count     INTEGER NOT NULL,
                    byte_length      INTEGER NOT NULL,
                    header           BLOB NOT NULL,
                    signature        BLOB NOT NULL CHECK (length(signature) = 64),
                    batch_hash       BLOB NOT NULL UNIQUE CHECK (length(batch_hash) = 32),
                    created_at       TEXT NOT NULL,
                    acknowledged_at  TEXT,
                    receipt          BLOB
                );
                CREATE TRIGGER batch_append_only_delete BEFORE DELETE ON batch
                BEGIN SELECT RAISE(ABORT, 'batches are append-only'); END;
                CREATE TRIGGER batch_immutable BEFORE UPDATE OF batch_seq, first_seq, last_seq, header, signature, batch_hash
                ON batch
                BEGIN SELECT RAISE(ABORT, 'a sealed batch cannot be changed'); END;

                -- Decisions and other events pulled down from central.
                CREATE TABLE decision (
                    receipt_number TEXT PRIMARY KEY,
                    outcome        TEXT NOT NULL,
                    reason         TEXT,
                    decided_at     TEXT NOT NULL,
                    event_seq      INTEGER NOT NULL
                );

                -- Replication state (checkpoint, cursors, last contact).
                CREATE TABLE sync_state (
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("node v2: down-sync feed events and account locks") { db in
            try db.execute("""
                -- Every event pulled from central's signed feed, in feed order (event_seq 1, 2, 3, ...).
                -- The highest event_seq is the feed cursor: events and cursor commit together.
                CREATE TABLE feed_event (
                    event_seq      INTEGER PRIMARY KEY CHECK (event_seq >= 1),
                    kind           TEXT NOT NULL
                                   CHECK (kind IN ('issued', 'rejected', 'manual_review', 'locked', 'unlocked', 'revoked')),
                    receipt_number TEXT NOT NULL,
                    reason         TEXT NOT NULL,
                    occurred_at    TEXT NOT NULL,
                    received_at    TEXT NOT NULL
                );
                CREATE INDEX feed_event_receipt ON feed_event(receipt_number, event_seq);
                CREATE TRIGGER feed_event_contiguous BEFORE INSERT ON feed_event
                BEGIN
                    SELECT RAISE(ABORT, 'feed event is not the next of the feed')
                    WHERE NEW.event_seq != (SELECT coalesce(max(event_seq), 0) + 1 FROM feed_event);
                END;

                -- The account's lock state, as the last lock/unlock event said.
                CREATE TABLE account_lock (
                    receipt_number TEXT PRIMARY KEY,
                    locked         INTEGER NOT NULL CHECK (locked IN (0, 1)),
                    reason         TEXT NOT NULL,
                    changed_at     TEXT NOT NULL,
                    event_seq      INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
