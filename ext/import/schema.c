/*
** schema.c — what the import knows about the tables it loads, read from
** the database itself at the start of every import (docs/data.md
** "Validation"): declared types, NOT NULL, defaults and primary keys
** (pragma_table_info), foreign keys (pragma_foreign_key_list) and the
** column CHECK constraints, which sql/schema.sql writes in a few fixed
** shapes (x = 'a' OR x = 'b' ..., x IN (...), x BETWEEN a AND b, x >= a,
** x IS date(x, '+0 days'), ...).  So a table added to sql/schema.sql
** imports with no code change;
** a CHECK of another shape is left to SQLite and reported from its message.
**
** Owns: reading the schema into ImpSchema (schema.h): kinds, keys,
** defaults, CHECK values and bounds, rules between columns, load order.
** Must not: read files or rows, or know about mappings; it describes the
** tables, the loader (loader.h) acts on them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static void *imp_zalloc(size_t n) {
  void *p = sqlite3_malloc64((sqlite3_uint64)n);
  if (p) memset(p, 0, n);
  return p;
}

/* The CREATE TABLE text without comments, whitespace runs made one space
** (outside string literals), so CHECKs compare as text. */
static char *imp_normalise_sql(const char *z) {
  size_t n = strlen(z), i = 0, o = 0;
  char *zOut = sqlite3_malloc64((sqlite3_uint64)n + 1);
  int space = 0;
  if (zOut == 0) return 0;
  while (i < n) {
    char c = z[i];
    if (c == '-' && z[i + 1] == '-') {
      while (i < n && z[i] != '\n') i++;
      space = 1;
      continue;
    }
    if (c == '/' && z[i + 1] == '*') {
      const char *e = strstr(z + i + 2, "*/");
      i = e ? (size_t)(e - z) + 2 : n;
      space = 1;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = 1;
      i++;
      continue;
    }
    if (space && o > 0 && zOut[o - 1] != '(' && c != ')' && c != ',') zOut[o++] = ' ';
    space = 0;
    if (c == '\'' || c == '"') {
      char q = c;
      zOut[o++] = z[i++];
      while (i < n) {
        zOut[o++] = z[i];
        if (z[i] == q) {
          if (z[i + 1] == q) {
            zOut[o++] = z[++i];
            i++;
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      continue;
    }
    /* ", " after a comma keeps "IN ('a', 'b')" as written in the schema. */
    zOut[o++] = c;
    i++;
    if (c == ',') space = 1;
  }
  zOut[o] = 0;
  return zOut;
}

/* End of the parenthesised text starting after '(' at z: the matching ')'. */
static const char *imp_close_paren(const char *z) {
  int depth = 1;
  while (*z) {
    if (*z == '\'' || *z == '"') {
      char q = *z++;
      while (*z && !(*z == q && z[1] != q)) z += (*z == q) ? 2 : 1;
      if (*z) z++;
      continue;
    }
    if (*z == '(') depth++;
    if (*z == ')' && --depth == 0) return z;
    z++;
  }
  return 0;
}

static int imp_istarts(const char *z, const char *zLit) {
  return sqlite3_strnicmp(z, zLit, (int)strlen(zLit)) == 0;
}

/* A number literal of a CHECK: "0", "-5", "0.25". */
static int imp_check_number(const char *z, size_t n, double *pOut) {
  char buf[40];
  char *zEnd;
  if (n == 0 || n >= sizeof(buf)) return 0;
  memcpy(buf, z, n);
  buf[n] = 0;
  *pOut = strtod(buf, &zEnd);
  return *zEnd == 0;
}

static int imp_add_bound(ImpCol *c, int op, double v) {
  if (c->nBound >= 2) return 0;
  c->aBound[c->nBound].op = op;
  c->aBound[c->nBound].v = v;
  c->nBound++;
  return 1;
}

/* The list of string literals from z to zEnd, each one after zSep
** (", " for IN ('a', 'b'), " OR x = " for x = 'a' OR x = 'b'), into the
** column's canonical spellings; anything else makes the CHECK generic
** (SQLite checks it), keeping the items read before it. */
static int imp_read_enum(ImpCol *c, const char *z, const char *zEnd, const char *zSep) {
  size_t nSep = strlen(zSep);
  int nItem = 1;
  const char *q;
  for (q = z; q < zEnd; q++) if (*q == zSep[0]) nItem++;
  c->azEnum = imp_zalloc(sizeof(char *) * (size_t)nItem);
  if (c->azEnum == 0) return SQLITE_NOMEM;
  while (z < zEnd) {
    RevopsBuf b;
    if (*z != '\'' || c->nEnum >= nItem) {
      c->hasGeneric = 1;
      return SQLITE_OK;
    }
    revops_buf_init(&b);
    z++;
    while (z < zEnd) {
      if (*z == '\'' && z[1] == '\'') {
        revops_buf_append(&b, "'", 1);
        z += 2;
      } else if (*z == '\'') {
        z++;
        break;
      } else {
        revops_buf_append(&b, z++, 1);
      }
    }
    c->azEnum[c->nEnum] = revops_buf_finish(&b);
    if (c->azEnum[c->nEnum] == 0) return SQLITE_NOMEM;
    c->nEnum++;
    if (z == zEnd) break;
    if ((size_t)(zEnd - z) <= nSep || memcmp(z, zSep, nSep) != 0) {
      c->hasGeneric = 1;
      return SQLITE_OK;
    }
    z += nSep;
  }
  return SQLITE_OK;
}

/* Classify one column CHECK; unknown shapes stay with SQLite. */
static int imp_classify(ImpCol *c, const char *zExpr, size_t n) {
  char *zDate = sqlite3_mprintf("%s IS date(%s, '+0 days')", c->zName, c->zName);
  char *zTime = sqlite3_mprintf("%s IS datetime(%s, '+0 days')", c->zName, c->zName);
  char *zMonth = sqlite3_mprintf("%s IS strftime('%%Y-%%m', %s || '-01')", c->zName, c->zName);
  char *zIn = sqlite3_mprintf("%s IN (", c->zName);
  char *zBetween = sqlite3_mprintf("%s BETWEEN ", c->zName);
  char *zCmp = sqlite3_mprintf("%s ", c->zName);
  char *zEq = sqlite3_mprintf("%s = ", c->zName);
  int rc = SQLITE_OK;
  if (!zDate || !zTime || !zMonth || !zIn || !zBetween || !zCmp || !zEq) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  if (strlen(zDate) == n && memcmp(zExpr, zDate, n) == 0) {
    c->kind = IMP_K_DATE;
  } else if (strlen(zTime) == n && memcmp(zExpr, zTime, n) == 0) {
    c->kind = IMP_K_DATETIME;
  } else if (strlen(zMonth) == n && memcmp(zExpr, zMonth, n) == 0) {
    c->kind = IMP_K_MONTH;
  } else if (n > strlen(zIn) && memcmp(zExpr, zIn, strlen(zIn)) == 0 && zExpr[n - 1] == ')') {
    const char *z = zExpr + strlen(zIn), *zEnd = zExpr + n - 1;
    if (zEnd - z == 4 && memcmp(z, "0, 1", 4) == 0) {
      c->kind = IMP_K_BOOL;
    } else {
      /* 'a', 'b', ...: every item a string literal, or it is generic. */
      rc = imp_read_enum(c, z, zEnd, ", ");
    }
  } else if (n > strlen(zEq) && memcmp(zExpr, zEq, strlen(zEq)) == 0 && zExpr[strlen(zEq)] == '\'') {
    /* x = 'a' OR x = 'b' ...: the same list as x IN ('a', 'b', ...) (the
    ** same test, NULL included), written so that SQLite 3.40 does not build
    ** the list as an ephemeral index for every row it checks.
    ** Anything else in it (x = 'a' OR y > 3), or one item alone, is left
    ** whole to SQLite: no list is kept. */
    char *zSep = sqlite3_mprintf(" OR %s", zEq);
    int wasGeneric = c->hasGeneric, k;
    if (zSep == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
    c->hasGeneric = 0;
    rc = imp_read_enum(c, zExpr + strlen(zEq), zExpr + n, zSep);
    sqlite3_free(zSep);
    if (rc == SQLITE_OK && (c->hasGeneric || c->nEnum < 2)) {
      for (k = 0; k < c->nEnum; k++) revops_free(c->azEnum[k]);
      sqlite3_free(c->azEnum);
      c->azEnum = 0;
      c->nEnum = 0;
      c->hasGeneric = 1;
    }
    c->hasGeneric |= wasGeneric;
  } else if (n > strlen(zBetween) && memcmp(zExpr, zBetween, strlen(zBetween)) == 0) {
    const char *z = zExpr + strlen(zBetween), *zAnd = strstr(z, " AND ");
    double lo, hi;
    if (zAnd && zAnd < zExpr + n && imp_check_number(z, (size_t)(zAnd - z), &lo) &&
        imp_check_number(zAnd + 5, (size_t)(zExpr + n - zAnd - 5), &hi)) {
      imp_add_bound(c, IMP_OP_GE, lo);
      imp_add_bound(c, IMP_OP_LE, hi);
      if (lo == 0 && hi == 1) c->isFraction = 1;
    } else {
      c->hasGeneric = 1;
    }
  } else if (n > strlen(zCmp) && memcmp(zExpr, zCmp, strlen(zCmp)) == 0) {
    const char *z = zExpr + strlen(zCmp);
    size_t k = (size_t)(zExpr + n - z);
    int op = -1, nOp = 0;
    double v;
    if (k > 3 && memcmp(z, ">= ", 3) == 0) op = IMP_OP_GE, nOp = 3;
    else if (k > 3 && memcmp(z, "<= ", 3) == 0) op = IMP_OP_LE, nOp = 3;
    else if (k > 2 && memcmp(z, "> ", 2) == 0) op = IMP_OP_GT, nOp = 2;
    else if (k > 2 && memcmp(z, "< ", 2) == 0) op = IMP_OP_LT, nOp = 2;
    if (op >= 0 && imp_check_number(z + nOp, k - (size_t)nOp, &v)) imp_add_bound(c, op, v);
    else c->hasGeneric = 1;
  } else {
    c->hasGeneric = 1;
  }
done:
  sqlite3_free(zDate);
  sqlite3_free(zTime);
  sqlite3_free(zMonth);
  sqlite3_free(zIn);
  sqlite3_free(zBetween);
  sqlite3_free(zCmp);
  sqlite3_free(zEq);
  return rc;
}

int imp_parse_rule(const ImpTable *t, const char *zExpr, ImpRule *pRule) {
  char zA[128], zB[128], zA2[128], zOp[4], zTail[2];
  int k, iA = -1, iB = -1, orNull = 0, op;
  if (sscanf(zExpr, "%127[a-z_0-9] IS NULL OR %127[a-z_0-9] %3[<>=] %127[a-z_0-9]%1s", zA, zA2, zOp, zB, zTail) == 4 &&
      strcmp(zA, zA2) == 0) {
    orNull = 1;
  } else if (sscanf(zExpr, "%127[a-z_0-9] %3[<>=] %127[a-z_0-9]%1s", zA, zOp, zB, zTail) != 3) {
    return 0;
  }
  for (k = 0; k < t->nCol; k++) {
    if (strcmp(t->aCol[k].zName, zA) == 0) iA = k;
    if (strcmp(t->aCol[k].zName, zB) == 0) iB = k;
  }
  op = strcmp(zOp, ">=") == 0 ? IMP_OP_GE : strcmp(zOp, ">") == 0 ? IMP_OP_GT
     : strcmp(zOp, "<=") == 0 ? IMP_OP_LE : strcmp(zOp, "<") == 0 ? IMP_OP_LT : -1;
  if (iA < 0 || iB < 0 || op < 0) return 0;
  pRule->iA = iA, pRule->iB = iB, pRule->op = op, pRule->orNull = orNull;
  return 1;
}

/* The CHECKs of each column item of the CREATE TABLE text. */
static int imp_read_checks(ImpTable *t, const char *zSql) {
  char *zNorm = imp_normalise_sql(zSql);
  const char *z, *zBody;
  int rc = SQLITE_OK;
  if (zNorm == 0) return SQLITE_NOMEM;
  zBody = strchr(zNorm, '(');
  z = zBody ? zBody + 1 : zNorm + strlen(zNorm);
  while (*z && rc == SQLITE_OK) {
    const char *zItem = z, *zEnd;
    int depth = 0, i;
    ImpCol *pCol = 0;
    /* The item runs to the next top-level comma. */
    while (*z) {
      if (*z == '\'' || *z == '"') {
        char q = *z++;
        while (*z && !(*z == q && z[1] != q)) z += (*z == q) ? 2 : 1;
        if (*z) z++;
        continue;
      }
      if (*z == '(') depth++;
      if (*z == ')' && depth-- == 0) break;
      if (*z == ',' && depth == 0) break;
      z++;
    }
    zEnd = z;
    while (*zItem == ' ') zItem++;
    for (i = 0; i < t->nCol; i++) {
      size_t k = strlen(t->aCol[i].zName);
      if (sqlite3_strnicmp(zItem, t->aCol[i].zName, (int)k) == 0 && zItem[k] == ' ') {
        pCol = &t->aCol[i];
        break;
      }
    }
    if (pCol == 0 && imp_istarts(zItem, "CHECK (") && t->nRule < IMP_MAX_RULES) {
      /* An unnamed table CHECK of a shape the import checks itself. */
      const char *zOpen = zItem + 7, *zClose = imp_close_paren(zOpen);
      if (zClose && (size_t)(zClose - zOpen) < 300) {
        char zExpr[300];
        memcpy(zExpr, zOpen, (size_t)(zClose - zOpen));
        zExpr[zClose - zOpen] = 0;
        if (imp_parse_rule(t, zExpr, &t->aRule[t->nRule])) t->nRule++;
      }
    }
    if (pCol) {
      const char *q = zItem;
      while (q < zEnd && rc == SQLITE_OK) {
        const char *zOpen, *zClose;
        if (!imp_istarts(q, "CHECK (") && !imp_istarts(q, "CHECK(")) {
          q++;
          continue;
        }
        zOpen = strchr(q, '(') + 1;
        zClose = imp_close_paren(zOpen);
        if (zClose == 0 || zClose > zEnd) break;
        rc = imp_classify(pCol, zOpen, (size_t)(zClose - zOpen));
        q = zClose;
      }
    }
    if (*z == ',') z++;
    else break;
  }
  sqlite3_free(zNorm);
  return rc;
}

void imp_schema_free(ImpSchema *s) {
  int i, j, k;
  for (i = 0; i < s->nTable; i++) {
    ImpTable *t = &s->aTable[i];
    for (j = 0; j < t->nCol; j++) {
      ImpCol *c = &t->aCol[j];
      sqlite3_free(c->zName);
      sqlite3_free(c->zFkTable);
      sqlite3_free(c->zFkCol);
      sqlite3_value_free(c->pDflt);
      for (k = 0; k < c->nEnum; k++) revops_free(c->azEnum[k]);
      sqlite3_free(c->azEnum);
    }
    sqlite3_free(t->aCol);
    sqlite3_free(t->zName);
  }
  sqlite3_free(s->aTable);
  sqlite3_free(s->aOrder);
  sqlite3_free(s->zErr);
  memset(s, 0, sizeof(*s));
}

static int imp_table_index(ImpSchema *s, const char *zName) {
  int i;
  for (i = 0; i < s->nTable; i++) {
    if (sqlite3_stricmp(s->aTable[i].zName, zName) == 0) return i;
  }
  return -1;
}

/* Parents before children (self references aside), in schema order. */
static void imp_visit(ImpSchema *s, int i, unsigned char *aSeen) {
  int j;
  if (aSeen[i]) return;
  aSeen[i] = 1;
  for (j = 0; j < s->aTable[i].nCol; j++) {
    int p = s->aTable[i].aCol[j].iFkTable;
    if (p >= 0 && p != i) imp_visit(s, p, aSeen);
  }
  s->aOrder[s->nOrder++] = i;
}

/* A column default is applied by the import itself, so it is read from the
** database file and evaluated here: only a literal (NULL, TRUE, FALSE, a
** signed number, a string or blob literal, in parentheses or not).  The
** file is untrusted input: an expression such as (load_extension(...))
** would run as a top-level statement, where trusted_schema does not apply
** (docs/security.md), so anything else is refused, never run. */
static int imp_default_is_literal(const char *z) {
  size_t i = 0, n = strlen(z), depth = 0;
  while (i < n && (z[i] == '(' || z[i] == ' ')) depth += z[i++] == '(';
  if (i < n && (z[i] == '+' || z[i] == '-')) {
    i++;
    while (i < n && z[i] == ' ') i++;
    if (i >= n || !((z[i] >= '0' && z[i] <= '9') || z[i] == '.')) return 0;
  }
  if (i < n && ((z[i] >= '0' && z[i] <= '9') || z[i] == '.')) {
    while (i < n && ((z[i] >= '0' && z[i] <= '9') || z[i] == '.' || z[i] == '_' || (z[i] >= 'a' && z[i] <= 'z') ||
                     (z[i] >= 'A' && z[i] <= 'Z') || ((z[i] == '+' || z[i] == '-') && (z[i - 1] == 'e' || z[i - 1] == 'E'))))
      i++;
  } else if (i < n && (z[i] == '\'' || ((z[i] == 'x' || z[i] == 'X') && z[i + 1] == '\''))) {
    i += z[i] == '\'' ? 1 : 2;
    for (;;) {
      if (i >= n) return 0;
      if (z[i] == '\'' && z[i + 1] == '\'') i += 2;
      else if (z[i++] == '\'') break;
    }
  } else {
    static const char *const azWord[] = {"NULL", "TRUE", "FALSE"};
    size_t k, m = 0;
    while (i + m < n && ((z[i + m] >= 'a' && z[i + m] <= 'z') || (z[i + m] >= 'A' && z[i + m] <= 'Z'))) m++;
    for (k = 0; k < sizeof(azWord) / sizeof(azWord[0]); k++) {
      if (m == strlen(azWord[k]) && sqlite3_strnicmp(z + i, azWord[k], (int)m) == 0) break;
    }
    if (k == sizeof(azWord) / sizeof(azWord[0])) return 0;
    i += m;
  }
  while (i < n && (z[i] == ')' || z[i] == ' ')) {
    if (z[i] == ')') {
      if (depth == 0) return 0;
      depth--;
    }
    i++;
  }
  return i == n && depth == 0;
}

/* A literal default (imp_default_is_literal) as a value. */
static int imp_eval_default(sqlite3 *db, const char *zExpr, sqlite3_value **pp) {
  char *zSql = sqlite3_mprintf("SELECT %s", zExpr);
  sqlite3_stmt *pStmt = 0;
  int rc;
  if (zSql == 0) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if (rc != SQLITE_OK) return rc;
  if (sqlite3_step(pStmt) == SQLITE_ROW) {
    *pp = sqlite3_value_dup(sqlite3_column_value(pStmt, 0));
    if (*pp == 0) rc = SQLITE_NOMEM;
  }
  sqlite3_finalize(pStmt);
  return rc;
}

int imp_schema_load(sqlite3 *db, ImpSchema *s) {
  sqlite3_stmt *pT = 0, *pC = 0, *pF = 0;
  int rc, i, j, nAlloc = 0;
  unsigned char *aSeen = 0;
  memset(s, 0, sizeof(*s));
  rc = sqlite3_prepare_v2(db,
                          "SELECT name, sql FROM main.sqlite_schema WHERE type = 'table'"
                          " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                          " AND name IN (SELECT tbl FROM temp.imp_tables)"
                          " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY rowid",
                          -1, &pT, 0);
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(db, "SELECT name, upper(type), \"notnull\", dflt_value, pk"
                            " FROM pragma_table_info(?1) ORDER BY cid", -1, &pC, 0);
  }
  if (rc == SQLITE_OK) {
    rc = sqlite3_prepare_v2(db, "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)",
                            -1, &pF, 0);
  }
  while (rc == SQLITE_OK && sqlite3_step(pT) == SQLITE_ROW) {
    ImpTable *t;
    int nColAlloc = 0;
    if (s->nTable == nAlloc) {
      ImpTable *aNew;
      nAlloc = nAlloc ? nAlloc * 2 : 32;
      aNew = sqlite3_realloc64(s->aTable, sizeof(ImpTable) * (sqlite3_uint64)nAlloc);
      if (aNew == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      s->aTable = aNew;
    }
    t = &s->aTable[s->nTable++];
    memset(t, 0, sizeof(*t));
    t->zName = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pT, 0));
    if (t->zName == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    sqlite3_bind_text(pC, 1, t->zName, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && sqlite3_step(pC) == SQLITE_ROW) {
      ImpCol *c;
      const char *zType = (const char *)sqlite3_column_text(pC, 1);
      if (t->nCol == nColAlloc) {
        ImpCol *aNew;
        nColAlloc = nColAlloc ? nColAlloc * 2 : 16;
        if (nColAlloc > IMP_MAX_COLUMNS) {
          rc = SQLITE_TOOBIG;
          break;
        }
        aNew = sqlite3_realloc64(t->aCol, sizeof(ImpCol) * (sqlite3_uint64)nColAlloc);
        if (aNew == 0) {
          rc = SQLITE_NOMEM;
          break;
        }
        t->aCol = aNew;
      }
      c = &t->aCol[t->nCol++];
      memset(c, 0, sizeof(*c));
      c->iFkTable = -1;
      c->zName = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pC, 0));
      if (c->zName == 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      c->kind = (zType && strcmp(zType, "INTEGER") == 0) ? IMP_K_INT
                : (zType && strcmp(zType, "REAL") == 0)  ? IMP_K_REAL
                                                        : IMP_K_TEXT;
      c->pk = sqlite3_column_int(pC, 4);
      if (sqlite3_column_type(pC, 3) != SQLITE_NULL) {
        const char *zDflt = (const char *)sqlite3_column_text(pC, 3);
        if (!imp_default_is_literal(zDflt)) {
          s->zErr = sqlite3_mprintf("revops_import(): column %s of table %s has the default %.200s, which the import does "
                                    "not evaluate (only a literal: a number, a string, NULL, TRUE or FALSE)",
                                    c->zName, t->zName, zDflt);
          rc = s->zErr ? SQLITE_ERROR : SQLITE_NOMEM;
          break;
        }
        rc = imp_eval_default(db, zDflt, &c->pDflt);
      }
      c->required = c->pk > 0 || (sqlite3_column_int(pC, 2) && c->pDflt == 0);
      if (c->pk > 0 && t->nPk < IMP_MAX_PK) t->aPk[t->nPk++] = t->nCol - 1;
    }
    sqlite3_reset(pC);
    if (rc != SQLITE_OK) break;
    /* Primary key columns in key order. */
    for (i = 1; i < t->nPk; i++) {
      for (j = i; j > 0 && t->aCol[t->aPk[j]].pk < t->aCol[t->aPk[j - 1]].pk; j--) {
        int x = t->aPk[j];
        t->aPk[j] = t->aPk[j - 1];
        t->aPk[j - 1] = x;
      }
    }
    rc = imp_read_checks(t, (const char *)sqlite3_column_text(pT, 1));
    if (rc != SQLITE_OK) break;
    sqlite3_bind_text(pF, 1, t->zName, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && sqlite3_step(pF) == SQLITE_ROW) {
      const char *zFrom = (const char *)sqlite3_column_text(pF, 0);
      for (i = 0; i < t->nCol; i++) {
        if (sqlite3_stricmp(t->aCol[i].zName, zFrom) != 0) continue;
        t->aCol[i].zFkTable = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pF, 1));
        t->aCol[i].zFkCol = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(pF, 2));
        if (t->aCol[i].zFkTable == 0 || t->aCol[i].zFkCol == 0) rc = SQLITE_NOMEM;
      }
    }
    sqlite3_reset(pF);
  }
  sqlite3_finalize(pT);
  sqlite3_finalize(pC);
  sqlite3_finalize(pF);
  if (rc != SQLITE_OK) return rc;
  for (i = 0; i < s->nTable; i++) {
    for (j = 0; j < s->aTable[i].nCol; j++) {
      ImpCol *c = &s->aTable[i].aCol[j];
      if (c->zFkTable) c->iFkTable = imp_table_index(s, c->zFkTable);
    }
  }
  s->aOrder = imp_zalloc(sizeof(int) * (size_t)(s->nTable + 1));
  aSeen = imp_zalloc((size_t)s->nTable + 1);
  if (s->aOrder == 0 || aSeen == 0) {
    sqlite3_free(aSeen);
    return SQLITE_NOMEM;
  }
  for (i = 0; i < s->nTable; i++) imp_visit(s, i, aSeen);
  sqlite3_free(aSeen);
  return SQLITE_OK;
}
