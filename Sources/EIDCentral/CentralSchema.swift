import EIDStorage

/// Central's SQLite schema (docs/central.md), as ordered migrations.
///
/// Times are INTEGER milliseconds since the Unix epoch (UTC). The invariants that
/// make replication exactly-once are enforced twice: by ``BatchAcceptor`` before
/// anything is written, and by the triggers below, so that no code path (or a
/// mistaken future one) can store a batch out of order, change or delete an
/// accepted batch or record, or rewrite the audit log.
enum CentralSchema {
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.registerMigration("central v1: nodes, batches, records, uploads, equivocations, events, audit log") { db in
            try db.execute("""
                -- Nodes allowed to replicate: from the topology and the PKI folder.
                CREATE TABLE node (
                    node_id         TEXT PRIMARY KEY CHECK (length(node_id) BETWEEN 2 AND 32),
                    code            TEXT NOT NULL UNIQUE,
                    province        TEXT NOT NULL,
                    kind            TEXT NOT NULL CHECK (kind IN ('office', 'field-kit')),
                    signing_key     BLOB NOT NULL CHECK (length(signing_key) = 32),
                    registered_at   INTEGER NOT NULL,
                    revoked_at      INTEGER,
                    last_contact_at INTEGER
                );

                -- Accepted batches: per node a chain 1, 2, 3, ... each linked to the previous hash.
                CREATE TABLE batch (
                    node_id          TEXT NOT NULL REFERENCES node(node_id),
                    batch_seq        INTEGER NOT NULL CHECK (batch_seq >= 1),
                    batch_hash       BLOB NOT NULL UNIQUE CHECK (length(batch_hash) = 32),
                    previous_hash    BLOB NOT NULL CHECK (length(previous_hash) = 32),
                    header           BLOB NOT NULL,
                    signature        BLOB NOT NULL CHECK (length(signature) = 64),
                    first_record_seq INTEGER NOT NULL CHECK (first_record_seq >= 1),
                    last_record_seq  INTEGER NOT NULL,
                    record_count     INTEGER NOT NULL CHECK (record_count >= 1),
                    byte_length      INTEGER NOT NULL,
                    receipt          BLOB NOT NULL,
                    accepted_at      INTEGER NOT NULL,
                    PRIMARY KEY (node_id, batch_seq)
                );
                CREATE TRIGGER batch_chain BEFORE INSERT ON batch
                BEGIN
                    SELECT RAISE(ABORT, 'batch is not the next link of its node''s chain')
                    WHERE NEW.batch_seq != (SELECT coalesce(max(batch_seq), 0) + 1 FROM batch WHERE node_id = NEW.node_id)
                       OR NEW.previous_hash != coalesce((SELECT batch_hash FROM batch
                                                         WHERE node_id = NEW.node_id AND batch_seq = NEW.batch_seq - 1),
                                                        zeroblob(32))
                       OR NEW.first_record_seq != coalesce((SELECT last_record_seq FROM batch
                                                            WHERE node_id = NEW.node_id AND batch_seq = NEW.batch_seq - 1), 0) + 1
                       OR NEW.last_record_seq != NEW.first_record_seq + NEW.record_count - 1;
                END;
                CREATE TRIGGER batch_no_update BEFORE UPDATE ON batch
                BEGIN SELECT RAISE(ABORT, 'accepted batches cannot be changed'); END;
                CREATE TRIGGER batch_no_delete BEFORE DELETE ON batch
                BEGIN SELECT RAISE(ABORT, 'accepted batches cannot be deleted'); END;

                -- Every record of every accepted batch, exactly once per (node, seq).
                CREATE TABLE record (
                    node_id        TEXT NOT NULL,
                    seq            INTEGER NOT NULL CHECK (seq >= 1),
                    batch_seq      INTEGER NOT NULL,
                    receipt_number TEXT NOT NULL UNIQUE,
                    record_hash    BLOB NOT NULL CHECK (length(record_hash) = 32),
                    level          INTEGER NOT NULL CHECK (level IN (1, 2)),
                    enrolled_at    INTEGER NOT NULL,
                    bytes          BLOB NOT NULL,
                    PRIMARY KEY (node_id, seq),
                    FOREIGN KEY (node_id, batch_seq) REFERENCES batch(node_id, batch_seq)
                );
                CREATE INDEX record_batch ON record(node_id, batch_seq);
                CREATE TRIGGER record_in_batch BEFORE INSERT ON record
                BEGIN
                    SELECT RAISE(ABORT, 'record is outside its batch''s range or out of order')
                    WHERE NOT EXISTS (SELECT 1 FROM batch WHERE node_id = NEW.node_id AND batch_seq = NEW.batch_seq
                                      AND NEW.seq BETWEEN first_record_seq AND last_record_seq)
                       OR NEW.seq != (SELECT coalesce(max(seq), 0) + 1 FROM record WHERE node_id = NEW.node_id);
                END;
                CREATE TRIGGER record_no_update BEFORE UPDATE ON record
                BEGIN SELECT RAISE(ABORT, 'records cannot be changed'); END;
                CREATE TRIGGER record_no_delete BEFORE DELETE ON record
                BEGIN SELECT RAISE(ABORT, 'records cannot be deleted'); END;

                -- Uploads in progress: chunks persisted as they arrive, tiling [0, persisted_length).
                CREATE TABLE upload (
                    node_id          TEXT NOT NULL REFERENCES node(node_id),
                    batch_seq        INTEGER NOT NULL CHECK (batch_seq >= 1),
                    total_length     INTEGER NOT NULL CHECK (total_length >= 1),
                    persisted_length INTEGER NOT NULL CHECK (persisted_length BETWEEN 0 AND total_length),
                    chunk_count      INTEGER NOT NULL DEFAULT 0,
                    started_at       INTEGER NOT NULL,
                    updated_at       INTEGER NOT NULL,
                    PRIMARY KEY (node_id, batch_seq)
                );
                CREATE TABLE upload_chunk (
                    node_id   TEXT NOT NULL,
                    batch_seq INTEGER NOT NULL,
                    offset    INTEGER NOT NULL CHECK (offset >= 0),
                    bytes     BLOB NOT NULL CHECK (length(bytes) >= 1),
                    PRIMARY KEY (node_id, batch_seq, offset),
                    FOREIGN KEY (node_id, batch_seq) REFERENCES upload(node_id, batch_seq) ON DELETE CASCADE
                );
                CREATE TRIGGER upload_chunk_contiguous BEFORE INSERT ON upload_chunk
                BEGIN
                    SELECT RAISE(ABORT, 'chunk does not start at the persisted offset or overruns the upload')
                    WHERE NOT EXISTS (SELECT 1 FROM upload WHERE node_id = NEW.node_id AND batch_seq = NEW.batch_seq
                                      AND persisted_length = NEW.offset
                                      AND NEW.offset + length(NEW.bytes) <= total_length);
                END;

                -- Two different signed batches under one number from one node: the proof, for operators.
                CREATE TABLE equivocation (
                    id                    INTEGER PRIMARY KEY,
                    node_id               TEXT NOT NULL REFERENCES node(node_id),
                    batch_seq             INTEGER NOT NULL,
                    accepted_hash         BLOB NOT NULL CHECK (length(accepted_hash) = 32),
                    conflicting_hash      BLOB NOT NULL CHECK (length(conflicting_hash) = 32),
                    conflicting_header    BLOB NOT NULL,
                    conflicting_signature BLOB NOT NULL CHECK (length(conflicting_signature) = 64),
                    first_seen_at         INTEGER NOT NULL,
                    last_seen_at          INTEGER NOT NULL,
                    times_seen            INTEGER NOT NULL DEFAULT 1 CHECK (times_seen >= 1),
                    UNIQUE (node_id, batch_seq, conflicting_hash)
                );

                -- The down-sync feed: per node, events 1, 2, 3, ... with no gaps, never changed.
                CREATE TABLE node_event (
                    node_id        TEXT NOT NULL REFERENCES node(node_id),
                    event_seq      INTEGER NOT NULL CHECK (event_seq >= 1),
                    kind           TEXT NOT NULL
                                   CHECK (kind IN ('issued', 'rejected', 'manual_review', 'locked', 'unlocked', 'revoked')),
                    receipt_number TEXT NOT NULL REFERENCES record(receipt_number),
                    reason         TEXT NOT NULL DEFAULT '',
                    occurred_at    INTEGER NOT NULL,
                    PRIMARY KEY (node_id, event_seq)
                );
                CREATE TRIGGER node_event_contiguous BEFORE INSERT ON node_event
                BEGIN
                    SELECT RAISE(ABORT, 'event is not the next of its node''s feed')
                    WHERE NEW.event_seq != (SELECT coalesce(max(event_seq), 0) + 1 FROM node_event WHERE node_id = NEW.node_id);
                END;
                CREATE TRIGGER node_event_no_update BEFORE UPDATE ON node_event
                BEGIN SELECT RAISE(ABORT, 'feed events cannot be changed'); END;
                CREATE TRIGGER node_event_no_delete BEFORE DELETE ON node_event
                BEGIN SELECT RAISE(ABORT, 'feed events cannot be deleted'); END;

                -- Append-only, hash-chained log of every decision (AuditEntry describes the hashed bytes).
                CREATE TABLE audit_log (
                    seq           INTEGER PRIMARY KEY CHECK (seq >= 1),
                    at            INTEGER NOT NULL,
                    action        TEXT NOT NULL,
                    node_id       TEXT NOT NULL,
                    batch_seq     INTEGER NOT NULL,
                    batch_hash    BLOB NOT NULL CHECK (length(batch_hash) = 32),
                    code          TEXT NOT NULL,
                    detail        TEXT NOT NULL,
                    previous_hash BLOB NOT NULL CHECK (length(previous_hash) = 32),
                    entry_hash    BLOB NOT NULL UNIQUE CHECK (length(entry_hash) = 32)
                );
                CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
                BEGIN
                    SELECT RAISE(ABORT, 'audit entry does not extend the chain')
                    WHERE NEW.seq != (SELECT coalesce(max(seq), 0) + 1 FROM audit_log)
                       OR NEW.previous_hash != coalesce((SELECT entry_hash FROM audit_log WHERE seq = NEW.seq - 1), zeroblob(32));
                END;
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        return migrator
    }
}
