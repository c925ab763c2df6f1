#ifndef CSQLITE3_SHIM_H
#define CSQLITE3_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type CSQLite3_SQLITE_TRANSIENT(void) { return SQLITE_TRANSIENT; }

/// sqlite3_db_config is variadic; these are the fixed-arity forms we use.
static inline int CSQLite3_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}
#endif
