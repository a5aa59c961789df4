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

#endif
