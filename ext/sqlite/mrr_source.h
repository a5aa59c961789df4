/*
** mrr_source.h — the source of the MRR tables: resolving it and holding it
** to the rules SQLite applies inside a view (ext/sqlite/mrr_source.c).
** Internal to the extension; tests/static calls it through the static
** library.
*/
#ifndef REVOPS_MRR_SOURCE_H
#define REVOPS_MRR_SOURCE_H

#include "revops_ext.h"

/* Per-connection cache of the canary (revops_mrr_source_canary): 0 until
** it has run, then one of these. */
#define REVOPS_MRR_CANARY_OK 1
#define REVOPS_MRR_CANARY_BLIND 2

/* Prepare *ppStmt reading customer_id, start_date, end_date, mrr from
** zSource (a table or view name, or a read-only SELECT), sorted by
** customer_id when bSorted.  On SQLITE_ERROR *pzErr is the message,
** "zFn(): ...", valid UTF-8 (sqlite3_free it); SQLITE_NOMEM and other
** codes may come without one.  *pCanary is the connection's cache. */
int revops_mrr_source_prepare(sqlite3 *db, const char *zFn, const char *zSource,
                              int bSorted, int *pCanary, sqlite3_stmt **ppStmt,
                              char **pzErr);

/* Check that the bytecode scan can see what it must refuse: a statement
** known to read a virtual table and call a direct-only function
** (revops_mrr_canary_sql) must show both.  REVOPS_MRR_CANARY_OK or
** _BLIND, or an SQLite error code when it could not run at all. */
int revops_mrr_source_canary(sqlite3 *db);

/* The canary statement; tests replace it to see the check fail closed. */
extern const char *revops_mrr_canary_sql;

/* What the bytecode of zSql does that a view could not (bit flags), and
** the first offending function's name in *pzFunc (sqlite3_free it). */
#define REVOPS_MRR_SCAN_VTAB 1   /* reads a virtual table */
#define REVOPS_MRR_SCAN_DIRECT 2 /* calls a direct-only function */
#define REVOPS_MRR_SCAN_UNSAFE 4 /* calls a function not marked innocuous */
int revops_mrr_scan_bytecode(sqlite3 *db, const char *zSql, int *pFlags,
                             char **pzDirect, char **pzUnsafe);

#endif /* REVOPS_MRR_SOURCE_H */
