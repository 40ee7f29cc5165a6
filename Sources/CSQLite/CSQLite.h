#ifndef XINFANG_CSQLITE_H
#define XINFANG_CSQLITE_H
// The system SQLite, for the benchmark's baseline only.
#include <sqlite3.h>
// SQLITE_TRANSIENT is a macro Swift cannot import.
static inline sqlite3_destructor_type xf_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
