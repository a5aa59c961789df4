/*
** static.h — helpers shared by the property tests in tests/static/
** (defined in test_static.c): run or prepare SQL, counting a failure with
** the statement and SQLite's message.
*/
#ifndef REVOPS_STATIC_H
#define REVOPS_STATIC_H
#include <sqlite3.h>

void static_exec(sqlite3 *db, const char *zSql);
sqlite3_stmt *static_prep(sqlite3 *db, const char *zSql);

/* A property loop over the rows of q:
**     while (static_row(q)) { ...compare the row with the reference... }
**     static_rows_end(q, nExpected, "what");
** static_rows_end finalizes q and is one case: it fails unless the loop saw
** exactly nExpected rows (-1: at least one) and stopped at SQLITE_DONE, so
** a query that errors, or returns nothing, cannot pass its comparisons
** vacuously. */
int static_row(sqlite3_stmt *q);
void static_rows_end(sqlite3_stmt *q, long long nExpected, const char *zWhat);

#endif
