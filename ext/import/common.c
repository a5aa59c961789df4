/*
** common.c — what every stage of the loader (loader.h) uses: the run's
** error, statements prepared with their error reported, a value quoted as
** the user wrote it, values bound, text copied out of a statement.
**
** Owns: the first fatal error of a run (imp_fail: later ones are dropped)
** and the "revops_import(): ..." form of SQLite's errors.
** Must not: know a stage, a table or a mapping: it is the floor the stage
** files stand on, and calls none of them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* A value quoted in a reason: at most this many bytes of it. */
#define IMP_SHOW 60

void imp_fail(Imp *p, const char *zFmt, ...) {
  va_list ap;
  if (p->zErr) return;
  va_start(ap, zFmt);
  p->zErr = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
}

int imp_sql_error(Imp *p, int rc) {
  if (rc == SQLITE_NOMEM) return rc;
  imp_fail(p, "revops_import(): %s", sqlite3_errmsg(p->db));
  return rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

int imp_prepare(Imp *p, sqlite3_stmt **pp, const char *zFmt, ...) {
  va_list ap;
  char *zSql;
  int rc;
  va_start(ap, zFmt);
  zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(p->db, zSql, -1, pp, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return imp_sql_error(p, rc);
  return SQLITE_OK;
}

int imp_exec(Imp *p, const char *zSql) {
  int rc = sqlite3_exec(p->db, zSql, 0, 0, 0);
  return rc == SQLITE_OK ? rc : imp_sql_error(p, rc);
}

/* Append 'value' as it is in the file, cut at IMP_SHOW bytes on a UTF-8
** boundary (invalid bytes as \xNN). */
void imp_show(RevopsBuf *b, const char *z, size_t n) {
  size_t k = n;
  char *zText;
  size_t nText;
  if (k > IMP_SHOW) {
    k = IMP_SHOW - 3;
    while (k > 0 && ((unsigned char)z[k] & 0xC0) == 0x80) k--;
  }
  zText = imp_raw_text(z, k, &nText);
  revops_buf_append(b, "'", 1);
  if (zText) revops_buf_append(b, zText, nText);
  else b->oom = 1;
  if (k < n) revops_buf_lit(b, "...");
  revops_buf_append(b, "'", 1);
  sqlite3_free(zText);
}

void imp_bind_val(sqlite3_stmt *s, int iParam, const ImpVal *v) {
  switch (v->type) {
    case SQLITE_INTEGER: sqlite3_bind_int64(s, iParam, v->i); break;
    case SQLITE_FLOAT: sqlite3_bind_double(s, iParam, v->r); break;
    case SQLITE_TEXT: sqlite3_bind_text(s, iParam, v->z, v->n, SQLITE_STATIC); break;
    default: sqlite3_bind_null(s, iParam); break;
  }
}

char *imp_dup_col(sqlite3_stmt *s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return 0;
  return sqlite3_mprintf("%s", (const char *)sqlite3_column_text(s, i));
}
