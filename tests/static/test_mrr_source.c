/*
** test_mrr_source.c — ext/sqlite/mrr_source.c on its own: the bytecode
** scan, the canary that makes the SELECT form fail closed, the named form
** against hostile schema rows, and the messages.  (The MRR tables end to
** end are in test_mrr.c; the same hostile rows through the shell and
** Python are in tests/errors/security.txt and tests/python/.)
*/
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "revops.h"
#include "static.h"

/* ext/sqlite/mrr_source.h, without the extension's headers. */
#define REVOPS_MRR_CANARY_OK 1
#define REVOPS_MRR_CANARY_BLIND 2
#define REVOPS_MRR_SCAN_VTAB 1
#define REVOPS_MRR_SCAN_DIRECT 2
#define REVOPS_MRR_SCAN_UNSAFE 4
int revops_mrr_source_prepare(sqlite3 *db, const char *zFn, const char *zSource, int bSorted,
                              int *pCanary, sqlite3_stmt **ppStmt, char **pzErr);
int revops_mrr_source_canary(sqlite3 *db);
extern const char *revops_mrr_canary_sql;
int revops_mrr_scan_bytecode(sqlite3 *db, const char *zSql, int *pFlags, char **pzDirect,
                             char **pzUnsafe);


void static_mrr_source(void);

/* "ok" when zSource prepares (and the statement is finalized), else the
** message; a static buffer. */
static const char *src(sqlite3 *db, const char *zSource, int *pCanary) {
  static char zOut[400];
  sqlite3_stmt *p = 0;
  char *zErr = 0;
  int rc = revops_mrr_source_prepare(db, "mrr_test", zSource, 1, pCanary, &p, &zErr);
  snprintf(zOut, sizeof(zOut), "%s", rc == SQLITE_OK ? "ok" : zErr ? zErr : sqlite3_errstr(rc));
  sqlite3_finalize(p);
  sqlite3_free(zErr);
  return zOut;
}

static int scan(sqlite3 *db, const char *zSql, char *zDirect, char *zUnsafe) {
  char *zD = 0, *zU = 0;
  int flags = -1;
  int rc = revops_mrr_scan_bytecode(db, zSql, &flags, &zD, &zU);
  CHECK_INT(rc, SQLITE_OK);
  snprintf(zDirect, 40, "%s", zD ? zD : "");
  snprintf(zUnsafe, 40, "%s", zU ? zU : "");
  sqlite3_free(zD);
  sqlite3_free(zU);
  return flags;
}

static sqlite3 *open_db(void) {
  sqlite3 *db = 0;
  char *zErr = 0;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(sqlite3_revops_init(db, &zErr, 0) == SQLITE_OK);
  sqlite3_free(zErr);
  static_exec(db, "CREATE TABLE subs(customer_id, start_date, end_date, mrr);"
                  "INSERT INTO subs VALUES ('C1', '2026-01-01', NULL, 100);");
  return db;
}

/* A virtual table whose schema row is rewritten by `zChange` through
** writable_schema, as a hostile file would hold it. */
static void hostile(sqlite3 *db, const char *zChange) {
  char *zSql = sqlite3_mprintf(
      "CREATE VIRTUAL TABLE evil USING fts4(customer_id, start_date, end_date, mrr);"
      "INSERT INTO evil VALUES ('C1', '2026-01-01', NULL, 100);"
      "PRAGMA writable_schema = ON;"
      "UPDATE sqlite_schema SET %s WHERE name = 'evil';"
      "PRAGMA schema_version = 1000;"
      "PRAGMA writable_schema = OFF;",
      zChange);
  static_exec(db, zSql);
  sqlite3_free(zSql);
}

void static_mrr_source(void) {
  static const char zVirtual[] =
      "mrr_test(): source 'evil' is a virtual table, which could bypass trusted_schema; read it"
      " through a TEMP VIEW and name the view";
  char zD[40], zU[40];
  int canary = 0, flags;
  sqlite3 *db = open_db();

  /* The scan sees what it must refuse, on this SQLite. */
  CHECK_INT(revops_mrr_source_canary(db), REVOPS_MRR_CANARY_OK);
  flags = scan(db, "SELECT * FROM json_each('[1]')", zD, zU);
  CHECK_INT(flags & REVOPS_MRR_SCAN_VTAB, REVOPS_MRR_SCAN_VTAB);
  flags = scan(db, "SELECT abs(mrr) FROM subs", zD, zU);
  CHECK_INT(flags, 0);
  flags = scan(db, "SELECT load_extension(mrr) FROM subs", zD, zU);
  CHECK_INT(flags & REVOPS_MRR_SCAN_DIRECT, REVOPS_MRR_SCAN_DIRECT);
  CHECK_STR(zD, "load_extension");
  sqlite3_create_function(db, "plain_fn", 1, SQLITE_UTF8, 0, 0, 0, 0);
  flags = scan(db, "SELECT lead_score(mrr, start_date, end_date) OVER () FROM subs", zD, zU);
  CHECK_INT(flags, 0); /* our own: innocuous, found as a window function */

  /* Both forms work while the canary sees. */
  CHECK_STR(src(db, "subs", &canary), "ok");
  CHECK_STR(src(db, "SELECT * FROM subs", &canary), "ok");
  CHECK_INT(canary, REVOPS_MRR_CANARY_OK);

  /* Fail closed: a canary the scan cannot see through (here a statement
  ** with neither a virtual table nor a direct-only call, as if SQLite
  ** renamed its opcodes) refuses the SELECT form; names still work. */
  {
    const char *zSaved = revops_mrr_canary_sql;
    char zWant[300];
    int blind = 0;
    revops_mrr_canary_sql = "SELECT abs(1)";
    CHECK_INT(revops_mrr_source_canary(db), REVOPS_MRR_CANARY_BLIND);
    snprintf(zWant, sizeof(zWant),
             "mrr_test(): source statements are refused on this SQLite %s: the check that keeps"
             " them to what a view may do cannot see virtual tables or direct-only functions in"
             " its bytecode; name a table or view instead",
             sqlite3_libversion());
    CHECK_STR(src(db, "SELECT * FROM subs", &blind), zWant);
    CHECK_INT(blind, REVOPS_MRR_CANARY_BLIND);
    CHECK_STR(src(db, "subs", &blind), "ok");
    /* A canary that does not even prepare is blind too. */
    revops_mrr_canary_sql = "SELECT FROM";
    CHECK_INT(revops_mrr_source_canary(db), REVOPS_MRR_CANARY_BLIND);
    revops_mrr_canary_sql = zSaved;
    /* The result is cached per connection: the table's own cache is
    ** separate from this test's. */
    CHECK_INT(revops_mrr_source_canary(db), REVOPS_MRR_CANARY_OK);
  }

  /* The named form against hostile rows. */
  hostile(db, "sql = replace(sql, 'CREATE VIRTUAL TABLE', 'CREATE  VIRTUAL TABLE')");
  CHECK_STR(src(db, "evil", &canary), zVirtual);
  CHECK_STR(src(db, "main.evil", &canary), "mrr_test(): source 'main.evil' is a virtual table,"
                                           " which could bypass trusted_schema; read it through"
                                           " a TEMP VIEW and name the view");
  CHECK_STR(src(db, "EVIL", &canary), "mrr_test(): source 'EVIL' is a virtual table, which"
                                      " could bypass trusted_schema; read it through a TEMP VIEW"
                                      " and name the view");
  /* Its shadow tables are plain tables (the module's own storage). */
  CHECK_STR(src(db, "evil_content", &canary),
            "mrr_test(): source 'evil_content' has no column customer_id (it needs customer_id,"
            " start_date, end_date and mrr)");
  sqlite3_close(db);

  db = open_db();
  hostile(db, "sql = replace(sql, 'CREATE VIRTUAL TABLE', 'CREATE  VIRTUAL TABLE'), rootpage = 3");
  CHECK_STR(src(db, "evil", &canary), zVirtual);
  sqlite3_close(db);

  db = open_db();
  hostile(db, "sql = replace(sql, 'CREATE VIRTUAL TABLE', 'CREATE -- x\n VIRTUAL TABLE')");
  CHECK_STR(src(db, "evil", &canary), zVirtual);
  /* A plain table still works next to it. */
  CHECK_STR(src(db, "subs", &canary), "ok");
  sqlite3_close(db);

  /* Messages. */
  db = open_db();
  CHECK_STR(src(db, "SELECT * FROM subs /* open", &canary),
            "mrr_test(): source statement ends inside a /* comment; close it with */");
  CHECK_STR(src(db, "SELECT * FROM subs WHERE '/*' <> \"/*\" /* closed */", &canary), "ok");
  CHECK_STR(src(db, "SELECT * FROM [/*subs]", &canary),
            "mrr_test(): source statement: no such table: /*subs");
  CHECK_STR(src(db, "no\xff", &canary),
            "mrr_test(): source table or view 'no\xef\xbf\xbd' does not exist");
  sqlite3_close(db);
}
