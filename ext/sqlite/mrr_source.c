/*
** mrr_source.c — the `source` argument of mrr_waterfall, mrr_movements and
** mrr_months: resolve it, check it, prepare the read (SPEC section 3,
** docs/security.md).
**
** The source is prepared as a new top-level statement, where SQLite does
** not apply the trusted_schema rules it applies inside views and
** triggers.  Each form is therefore held to the rules SQLite would apply
** to it inside a view:
**   - a name is resolved here, never pasted.  It must be an ordinary table
**     or a view (SQLite checks what a view reads itself, because it comes
**     from the schema), never a virtual table, whose risk level an
**     extension cannot read.  Whether it is virtual is asked of SQLite
**     (PRAGMA table_list, SQLite's own parse of the schema) and read from
**     the schema row (rootpage 0, or the words of its CREATE statement
**     after white space and comments, as SQLite's parser reads them); any
**     of them saying "virtual", or a row that is neither a plain table nor
**     a view, is refused.  The row's text is never matched as a string: a
**     hostile file can write `CREATE  VIRTUAL TABLE` (two spaces) through
**     writable_schema.
**   - a SELECT is checked, after preparing, by reading its bytecode
**     (EXPLAIN): no virtual-table opcode (VOpen, VFilter, VColumn, ...),
**     no SQLITE_DIRECTONLY function, and with trusted_schema=OFF no
**     function SQLite does not mark SQLITE_INNOCUOUS.  Opcode names are
**     SQLite's internals and may change: a canary, run once per
**     connection, prepares a statement known to read a virtual table and
**     call a direct-only function; if the scan does not see both, the
**     SELECT form is refused (fail closed), the named form still works.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mrr_source.h"

/* ------------------------------------------------------------- messages */

/* *pzErr = "zFn(): <fmt>", valid UTF-8.  Returns SQLITE_ERROR, or
** SQLITE_NOMEM when even that fails. */
static int src_error(char **pzErr, const char *zFn, const char *zFmt, ...) {
  va_list ap;
  char *z;
  va_start(ap, zFmt);
  z = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  sqlite3_free(*pzErr);
  *pzErr = z ? revops_utf8_fix(sqlite3_mprintf("%s(): %s", zFn, z)) : 0;
  sqlite3_free(z);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* ---------------------------------------------------------- SQL words */

static int src_is_blank(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* Skip white space and SQL comments (an unterminated comment runs to the
** end, as SQLite's tokenizer reads it). */
static const char *src_skip_blank(const char *z) {
  for (;;) {
    while (src_is_blank(*z)) z++;
    if (z[0] == '-' && z[1] == '-') {
      while (*z && *z != '\n') z++;
    } else if (z[0] == '/' && z[1] == '*') {
      const char *zEnd = strstr(z + 2, "*/");
      if (zEnd == 0) return z + strlen(z);
      z = zEnd + 2;
    } else {
      return z;
    }
  }
}

/* Does z start with the keyword zWord (any case) as a whole word? */
static int src_word_is(const char *z, const char *zWord) {
  size_t n = strlen(zWord);
  unsigned char ch;
  if (sqlite3_strnicmp(z, zWord, (int)n) != 0) return 0;
  ch = (unsigned char)z[n];
  return !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '$' || ch >= 0x80);
}

/* The statement form: the first word is SELECT, WITH or VALUES.  Nothing
** else is ever prepared as given: some statements act while they are
** prepared (PRAGMA trusted_schema=ON, for one). */
static int src_is_select(const char *z) {
  z = src_skip_blank(z);
  return src_word_is(z, "select") || src_word_is(z, "with") || src_word_is(z, "values");
}

/* Text that reads like another kind of statement ("DELETE FROM subs"):
** only used to say so when no table has that name. */
static int src_is_other_statement(const char *z) {
  static const char *const azWord[] = {
      "insert", "update", "delete", "replace", "create", "drop", "alter",
      "pragma", "attach", "detach", "vacuum", "analyze", "reindex", "begin",
      "commit", "end", "rollback", "savepoint", "release", "explain"};
  size_t i;
  z = src_skip_blank(z);
  for (i = 0; i < sizeof(azWord) / sizeof(azWord[0]); i++) {
    if (src_word_is(z, azWord[i])) return *src_skip_blank(z + strlen(azWord[i])) != 0;
  }
  return 0;
}

/* Does z[0..n) end inside a block comment?  Strings, quoted names and
** line comments are skipped as SQLite's tokenizer skips them.  SQLite
** accepts a block comment left open at the very end of a statement;
** wrapped in parentheses, it would swallow the closing one. */
static int src_ends_in_comment(const char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    char ch = z[i];
    if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
      char close = ch == '[' ? ']' : ch;
      for (i++; i < n; i++) {
        if (z[i] == close) {
          if (close != ']' && i + 1 < n && z[i + 1] == close) {
            i++; /* a doubled quote */
            continue;
          }
          break;
        }
      }
      i++;
    } else if (ch == '-' && i + 1 < n && z[i + 1] == '-') {
      while (i < n && z[i] != '\n') i++;
    } else if (ch == '/' && i + 1 < n && z[i + 1] == '*') {
      for (i += 2; i + 1 < n && !(z[i] == '*' && z[i + 1] == '/'); i++) {
      }
      if (i + 1 >= n) return 1;
      i += 2;
    } else {
      i++;
    }
  }
  return 0;
}

/* ----------------------------------------------------------- the named form */

#define SRC_NONE 0
#define SRC_TABLE 1
#define SRC_VIEW 2
#define SRC_VIRTUAL 3 /* or anything that is not plainly a table or a view */

/* What a schema row's CREATE statement makes, by its words as SQLite's
** parser reads them: CREATE [TEMP|TEMPORARY] TABLE | VIEW | VIRTUAL. */
static int src_row_kind(const char *zType, sqlite3_int64 iRoot, const char *zSql) {
  const char *z;
  int eWords = SRC_VIRTUAL;
  if (zType == 0 || zSql == 0) return SRC_VIRTUAL;
  z = src_skip_blank(zSql);
  if (src_word_is(z, "create")) {
    z = src_skip_blank(z + 6);
    if (src_word_is(z, "temp")) z = src_skip_blank(z + 4);
    else if (src_word_is(z, "temporary")) z = src_skip_blank(z + 9);
    if (src_word_is(z, "table")) eWords = SRC_TABLE;
    else if (src_word_is(z, "view")) eWords = SRC_VIEW;
  }
  if (strcmp(zType, "view") == 0) return eWords == SRC_VIEW ? SRC_VIEW : SRC_VIRTUAL;
  if (strcmp(zType, "table") == 0 && eWords == SRC_TABLE && iRoot > 0) return SRC_TABLE;
  return SRC_VIRTUAL; /* rootpage 0, CREATE VIRTUAL, or a row that disagrees */
}

/* Look zName up in database zDb: SRC_NONE when there is no such table or
** view there.  Both what the schema rows say and what SQLite built from
** them (PRAGMA table_list, SQLite 3.37+) must say "table" or "view". */
static int src_lookup(sqlite3 *db, const char *zDb, const char *zName, int *peObj) {
  sqlite3_stmt *p = 0;
  char *zSql = sqlite3_mprintf(
      "SELECT type, rootpage, sql FROM \"%w\".sqlite_master"
      " WHERE type IN ('table', 'view') AND name = ?1 COLLATE NOCASE",
      zDb);
  int rc;
  *peObj = SRC_NONE;
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &p, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_text(p, 1, zName, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    int e = src_row_kind((const char *)sqlite3_column_text(p, 0), sqlite3_column_int64(p, 1),
                         (const char *)sqlite3_column_text(p, 2));
    /* Two rows for one name (a hostile file) count as the worse. */
    if (e > *peObj) *peObj = e;
  }
  rc = sqlite3_finalize(p);
  if (rc != SQLITE_OK || *peObj == SRC_NONE || *peObj == SRC_VIRTUAL) return rc;

  /* SQLite's own view of the object.  Older SQLite has no table_list:
  ** the row check above stands alone there. */
  if (sqlite3_prepare_v2(db, "SELECT type FROM pragma_table_list(?1, ?2)", -1, &p, 0) !=
      SQLITE_OK) {
    if (sqlite3_errcode(db) == SQLITE_NOMEM) return SQLITE_NOMEM;
    return SQLITE_OK;
  }
  sqlite3_bind_text(p, 1, zName, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zDb, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
    const char *zType = (const char *)sqlite3_column_text(p, 0);
    int e = zType == 0 ? SRC_VIRTUAL
            : strcmp(zType, "view") == 0 ? SRC_VIEW
            : (strcmp(zType, "table") == 0 || strcmp(zType, "shadow") == 0) ? SRC_TABLE
            : SRC_VIRTUAL;
    if (e != *peObj) *peObj = SRC_VIRTUAL;
  }
  return sqlite3_finalize(p);
}

/* Resolve a name as SQLite resolves an unqualified table name (TEMP, then
** main, then attached databases in order), or as 'schema.name' when no
** object is called that and the prefix names a database.  On success
** *pzFrom is the quoted "schema"."name" to read (sqlite3_free it). */
static int src_resolve(sqlite3 *db, const char *zFn, const char *zName, int *peObj,
                       char **pzFrom, char **pzErr) {
  sqlite3_stmt *pDbs = 0;
  const char *zDot = strchr(zName, '.');
  int rc, pass;
  *peObj = SRC_NONE;
  *pzFrom = 0;
  rc = sqlite3_prepare_v2(db, "SELECT name FROM pragma_database_list ORDER BY seq <> 1, seq",
                          -1, &pDbs, 0);
  for (pass = 0; pass < 2 && rc == SQLITE_OK && *peObj == SRC_NONE; pass++) {
    sqlite3_reset(pDbs);
    while (*peObj == SRC_NONE && (rc = sqlite3_step(pDbs)) == SQLITE_ROW) {
      const char *zDb = (const char *)sqlite3_column_text(pDbs, 0);
      const char *zTable = zName;
      if (zDb == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      if (pass == 1) { /* schema.name */
        if (zDot == 0) break;
        if ((size_t)(zDot - zName) != strlen(zDb) ||
            sqlite3_strnicmp(zName, zDb, (int)(zDot - zName)) != 0) {
          continue;
        }
        zTable = zDot + 1;
      }
      rc = src_lookup(db, zDb, zTable, peObj);
      if (rc != SQLITE_OK) break;
      if (*peObj != SRC_NONE) {
        *pzFrom = sqlite3_mprintf("\"%w\".\"%w\"", zDb, zTable);
        if (*pzFrom == 0) rc = SQLITE_NOMEM;
      }
    }
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) rc = SQLITE_OK;
  }
  sqlite3_finalize(pDbs);
  if (rc == SQLITE_NOMEM) return SQLITE_NOMEM;
  if (rc != SQLITE_OK) {
    sqlite3_free(*pzFrom);
    *pzFrom = 0;
    return src_error(pzErr, zFn, "source %Q: %s", zName, sqlite3_errmsg(db));
  }
  return SQLITE_OK;
}

/* The source must yield the four columns (by name, any case, any order,
** others ignored). */
static int src_check_columns(sqlite3_stmt *p, const char *zFn, const char *zWhat,
                             char **pzErr) {
  static const char *const azNeed[] = {"customer_id", "start_date", "end_date", "mrr"};
  int i, j, n = sqlite3_column_count(p);
  for (i = 0; i < 4; i++) {
    for (j = 0; j < n; j++) {
      const char *z = sqlite3_column_name(p, j);
      if (z == 0) return SQLITE_NOMEM;
      if (sqlite3_stricmp(z, azNeed[i]) == 0) break;
    }
    if (j == n) {
      return src_error(pzErr, zFn, "source %s has no column %s (it needs customer_id,"
                                   " start_date, end_date and mrr)", zWhat, azNeed[i]);
    }
  }
  return SQLITE_OK;
}

/* ------------------------------------------------------------ the bytecode */

const char *revops_mrr_canary_sql =
    "SELECT load_extension(name) FROM pragma_database_list";

int revops_mrr_scan_bytecode(sqlite3 *db, const char *zSql, int *pFlags,
                             char **pzDirect, char **pzUnsafe) {
  /* Every opcode that touches a virtual table. */
  static const char *const azVtab[] = {"VOpen", "VFilter", "VColumn", "VNext", "VUpdate",
                                       "VBegin", "VCreate", "VDestroy", "VRename",
                                       "VCheck", "VInitIn"};
  static const char *const azCall[] = {"Function", "PureFunc", "Function0", "PureFunc0",
                                       "AggStep", "AggStep1", "AggInverse", "AggValue",
                                       "AggFinal"};
  sqlite3_stmt *pEx = 0, *pFn = 0;
  char *zEx = sqlite3_mprintf("EXPLAIN %s", zSql);
  int rc;
  *pFlags = 0;
  *pzDirect = *pzUnsafe = 0;
  if (zEx == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zEx, -1, &pEx, 0);
  sqlite3_free(zEx);
  if (rc == SQLITE_OK && (sqlite3_column_count(pEx) < 6 ||
                          sqlite3_stricmp(sqlite3_column_name(pEx, 1), "opcode") != 0 ||
                          sqlite3_stricmp(sqlite3_column_name(pEx, 5), "p4") != 0)) {
    rc = SQLITE_ERROR; /* EXPLAIN is not what this reads: fail closed */
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(db, "SELECT flags FROM pragma_function_list"
                                " WHERE name = ?1 COLLATE NOCASE AND narg = ?2",
                            -1, &pFn, 0);
  }
  while (rc == SQLITE_OK && (rc = sqlite3_step(pEx)) == SQLITE_ROW) {
    const char *zOp = (const char *)sqlite3_column_text(pEx, 1);
    const char *zP4 = (const char *)sqlite3_column_text(pEx, 5);
    const char *zParen;
    size_t i;
    int nArg, direct = 0, unsafe = 0, found = 0;
    rc = SQLITE_OK;
    if (zOp == 0) continue;
    for (i = 0; i < sizeof(azVtab) / sizeof(azVtab[0]); i++) {
      if (strcmp(zOp, azVtab[i]) == 0) *pFlags |= REVOPS_MRR_SCAN_VTAB;
    }
    for (i = 0; i < sizeof(azCall) / sizeof(azCall[0]); i++) {
      if (strcmp(zOp, azCall[i]) == 0) break;
    }
    if (i == sizeof(azCall) / sizeof(azCall[0]) || zP4 == 0) continue;
    /* P4 of a call reads "name(nArg)"; anything else is not understood. */
    zParen = strrchr(zP4, '(');
    if (zParen == 0) {
      *pFlags |= REVOPS_MRR_SCAN_UNSAFE;
      if (*pzUnsafe == 0) *pzUnsafe = sqlite3_mprintf("%s", zP4);
      continue;
    }
    nArg = (int)strtol(zParen + 1, 0, 10);
    sqlite3_reset(pFn);
    sqlite3_bind_text(pFn, 1, zP4, (int)(zParen - zP4), SQLITE_TRANSIENT);
    sqlite3_bind_int(pFn, 2, nArg);
    /* Innocuous only if every encoding's entry says so; a function the
    ** list does not know is not. */
    while ((rc = sqlite3_step(pFn)) == SQLITE_ROW) {
      int flags = sqlite3_column_int(pFn, 0);
      found = 1;
      if (flags & SQLITE_DIRECTONLY) direct = 1;
      if (!(flags & SQLITE_INNOCUOUS)) unsafe = 1;
    }
    if (rc != SQLITE_DONE) break;
    rc = SQLITE_OK;
    if (!found) unsafe = 1;
    if (direct) {
      *pFlags |= REVOPS_MRR_SCAN_DIRECT;
      if (*pzDirect == 0) *pzDirect = sqlite3_mprintf("%.*s", (int)(zParen - zP4), zP4);
    }
    if (unsafe) {
      *pFlags |= REVOPS_MRR_SCAN_UNSAFE;
      if (*pzUnsafe == 0) *pzUnsafe = sqlite3_mprintf("%.*s", (int)(zParen - zP4), zP4);
    }
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  sqlite3_finalize(pFn);
  if (sqlite3_finalize(pEx) == SQLITE_NOMEM) rc = SQLITE_NOMEM;
  if (rc == SQLITE_OK && (((*pFlags & REVOPS_MRR_SCAN_DIRECT) && *pzDirect == 0) ||
                          ((*pFlags & REVOPS_MRR_SCAN_UNSAFE) && *pzUnsafe == 0))) {
    rc = SQLITE_NOMEM;
  }
  if (rc != SQLITE_OK) {
    sqlite3_free(*pzDirect);
    sqlite3_free(*pzUnsafe);
    *pzDirect = *pzUnsafe = 0;
  }
  return rc;
}

int revops_mrr_source_canary(sqlite3 *db) {
  char *zDirect = 0, *zUnsafe = 0;
  int flags = 0, rc = revops_mrr_scan_bytecode(db, revops_mrr_canary_sql, &flags, &zDirect,
                                               &zUnsafe);
  int want = REVOPS_MRR_SCAN_VTAB | REVOPS_MRR_SCAN_DIRECT;
  sqlite3_free(zDirect);
  sqlite3_free(zUnsafe);
  if (rc == SQLITE_NOMEM) return rc;
  return rc == SQLITE_OK && (flags & want) == want ? REVOPS_MRR_CANARY_OK : REVOPS_MRR_CANARY_BLIND;
}

/* The SELECT form's check (see the top of this file). */
static int src_check_select(sqlite3 *db, const char *zFn, const char *zSql, int *pCanary,
                            char **pzErr) {
  char *zDirect = 0, *zUnsafe = 0;
  int flags = 0, rc, trusted = 1;
  if (*pCanary == 0) {
    rc = revops_mrr_source_canary(db);
    if (rc == SQLITE_NOMEM) return rc;
    *pCanary = rc;
  }
  if (*pCanary != REVOPS_MRR_CANARY_OK) {
    return src_error(pzErr, zFn,
                     "source statements are refused on this SQLite %s: the check that keeps"
                     " them to what a view may do cannot see virtual tables or direct-only"
                     " functions in its bytecode; name a table or view instead",
                     sqlite3_libversion());
  }
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &trusted);
  rc = revops_mrr_scan_bytecode(db, zSql, &flags, &zDirect, &zUnsafe);
  if (rc == SQLITE_NOMEM) return rc;
  if (rc != SQLITE_OK) {
    rc = src_error(pzErr, zFn, "source statement could not be checked: %s", sqlite3_errmsg(db));
  } else if (flags & REVOPS_MRR_SCAN_VTAB) {
    rc = src_error(pzErr, zFn, "source statement reads a virtual table, which could bypass"
                               " trusted_schema; read it through a TEMP VIEW and name the view");
  } else if (flags & REVOPS_MRR_SCAN_DIRECT) {
    rc = src_error(pzErr, zFn, "source statement calls %s(), which is direct-only:"
                               " it may not run inside a view, so not here either", zDirect);
  } else if ((flags & REVOPS_MRR_SCAN_UNSAFE) && !trusted) {
    rc = src_error(pzErr, zFn, "source statement calls %s(), which is not innocuous:"
                               " not allowed with trusted_schema=OFF", zUnsafe);
  }
  sqlite3_free(zDirect);
  sqlite3_free(zUnsafe);
  return rc;
}

/* --------------------------------------------------------------- prepare */

int revops_mrr_source_prepare(sqlite3 *db, const char *zFn, const char *zSource,
                              int bSorted, int *pCanary, sqlite3_stmt **ppStmt,
                              char **pzErr) {
  static const char zCols[] = "\"customer_id\", \"start_date\", \"end_date\", \"mrr\"";
  const char *zOrder = bSorted ? " ORDER BY 1 COLLATE BINARY" : "";
  char *zSql = 0, *zFrom = 0;
  sqlite3_stmt *p = 0;
  int rc;

  *ppStmt = 0;
  if (src_is_select(zSource)) {
    const char *zTail = 0;
    const char *zMore;
    int n;
    rc = sqlite3_prepare_v2(db, zSource, -1, &p, &zTail);
    if (rc != SQLITE_OK) {
      if (rc == SQLITE_NOMEM) return rc;
      return src_error(pzErr, zFn, "source statement: %s", sqlite3_errmsg(db));
    }
    zMore = zTail ? zTail : "";
    for (;;) {
      zMore = src_skip_blank(zMore);
      if (*zMore != ';') break;
      zMore++;
    }
    n = (int)(zTail - zSource);
    if (*zMore) {
      rc = src_error(pzErr, zFn, "source must be a single statement, got more after it: %.40Q",
                     zMore);
    } else if (sqlite3_bind_parameter_count(p) > 0) {
      const char *zParam = sqlite3_bind_parameter_name(p, 1);
      rc = src_error(pzErr, zFn, "source statement must not have parameters, got %s (build"
                                 " the text with printf('... %%Q ...', value) instead)",
                     zParam ? zParam : "?");
    } else if (!sqlite3_stmt_readonly(p)) {
      rc = src_error(pzErr, zFn, "source statement must be read-only, got %.60Q", zSource);
    } else if (src_ends_in_comment(zSource, (size_t)n)) {
      rc = src_error(pzErr, zFn, "source statement ends inside a /* comment; close it with */");
    } else {
      rc = src_check_columns(p, zFn, "statement", pzErr);
    }
    sqlite3_finalize(p);
    if (rc != SQLITE_OK) return rc;
    /* Exactly the first statement, without its ';', inside parentheses;
    ** the newline ends a trailing -- comment. */
    while (n > 0 && (src_is_blank(zSource[n - 1]) || zSource[n - 1] == ';')) n--;
    zSql = sqlite3_mprintf("SELECT %s FROM (%.*s\n)%s", zCols, n, zSource, zOrder);
    if (zSql == 0) return SQLITE_NOMEM;
    rc = src_check_select(db, zFn, zSql, pCanary, pzErr);
  } else {
    int eObj;
    rc = src_resolve(db, zFn, zSource, &eObj, &zFrom, pzErr);
    if (rc != SQLITE_OK) return rc;
    if (eObj == SRC_NONE) {
      if (src_is_other_statement(zSource)) {
        return src_error(pzErr, zFn, "source must be a table name, a view name or a read-only"
                                     " SELECT statement, got %.60Q", zSource);
      }
      return src_error(pzErr, zFn, "source table or view %Q does not exist", zSource);
    }
    if (eObj == SRC_VIRTUAL) {
      sqlite3_free(zFrom);
      return src_error(pzErr, zFn, "source %Q is a virtual table, which could bypass"
                                   " trusted_schema; read it through a TEMP VIEW and name the"
                                   " view", zSource);
    }
    zSql = sqlite3_mprintf("SELECT * FROM %s", zFrom);
    if (zSql == 0) rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
      rc = sqlite3_prepare_v2(db, zSql, -1, &p, 0);
      if (rc == SQLITE_OK) {
        char *zWhat = sqlite3_mprintf("%Q", zSource);
        rc = zWhat ? src_check_columns(p, zFn, zWhat, pzErr) : SQLITE_NOMEM;
        sqlite3_free(zWhat);
      } else if (rc != SQLITE_NOMEM) {
        rc = src_error(pzErr, zFn, "source %Q: %s", zSource, sqlite3_errmsg(db));
      }
      sqlite3_finalize(p);
    }
    sqlite3_free(zSql);
    zSql = rc == SQLITE_OK ? sqlite3_mprintf("SELECT %s FROM %s%s", zCols, zFrom, zOrder) : 0;
    sqlite3_free(zFrom);
    if (rc == SQLITE_OK && zSql == 0) rc = SQLITE_NOMEM;
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(db, zSql, -1, ppStmt, 0);
    if (rc != SQLITE_OK && rc != SQLITE_NOMEM) {
      rc = src_error(pzErr, zFn, "source: %s", sqlite3_errmsg(db));
    }
  }
  sqlite3_free(zSql);
  return rc;
}
