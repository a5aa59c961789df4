/*
** resolve.c — mapping resolution: what a file's mapping (docs/data.md
** "Mappings") does to each column, for the loader (loader.h).
**
** The settings of temp.imp_mapping (the user's .map files and the shipped
** presets a file matched, read by mapping.c and matched by import.sql)
** are put on their files, and a setting naming a column, list or parent
** that does not exist stops the import.  For each file and table the
** settings become column maps (ImpColMap) against the file's header, once;
** each record is then evaluated through them: when, the column's
** alternatives (A | B + C | 'text'), first, percent, times, per, band,
** value, contains, otherwise.  A closed set of steps, never an expression.
**
** Owns: the settings on their files, the column maps and their evaluation,
** the fields that feed the date columns, the arena they live in.
** Must not: parse .map files (mapping.c), type or check a value (check.c:
** a step that cannot apply leaves the text for the column's type to
** reject), or read anything but temp.imp_mapping from the database.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* ------------------------------------------------------- mappings */
/* A mapping's settings for one file, resolved against its header
** (docs/data.md "Mappings"): where each column's text comes from and what
** is done to it.  Built once per file and table; a closed set of steps,
** never an expression. */

void *imp_arena_alloc(ImpArena *a, size_t n) {
  void *p;
  if (a->n == a->nAlloc) {
    int nNew = a->nAlloc ? a->nAlloc * 2 : 32;
    void **apNew = sqlite3_realloc64(a->ap, sizeof(void *) * (sqlite3_uint64)nNew);
    if (apNew == 0) return 0;
    a->ap = apNew, a->nAlloc = nNew;
  }
  p = sqlite3_malloc64(n ? n : 1);
  if (p == 0) return 0;
  memset(p, 0, n ? n : 1);
  a->ap[a->n++] = p;
  return p;
}

void imp_arena_free(ImpArena *a) {
  int i;
  for (i = 0; i < a->n; i++) sqlite3_free(a->ap[i]);
  sqlite3_free(a->ap);
  memset(a, 0, sizeof(*a));
}

/* The header field named z (trimmed, any case), or -1. */
int imp_field_of(RevopsCsv *pHead, int nHead, const char *z, size_t n) {
  int j;
  imp_trim(&z, &n);
  for (j = 0; j < nHead; j++) {
    size_t m;
    const char *y = revops_csv_field(pHead, j, &m);
    imp_trim(&y, &m);
    if (m == n && sqlite3_strnicmp(y, z, (int)n) == 0) return j;
  }
  return -1;
}

/* Where " + " starts in z[0..n), or NULL. */
static const char *imp_plus(const char *z, size_t n) {
  size_t i;
  for (i = 0; i + 3 <= n; i++) {
    if (z[i] == ' ' && z[i + 1] == '+' && z[i + 2] == ' ') return z + i;
  }
  return 0;
}

/* "A | B + C | 'text'" into alternatives. */
int imp_alts_parse(ImpArena *a, RevopsCsv *pHead, int nHead, const char *z, ImpAlts *pOut) {
  const char *p;
  int n = 1, k = 0;
  for (p = z; *p; p++) n += *p == '|';
  pOut->a = imp_arena_alloc(a, sizeof(ImpAlt) * (size_t)n);
  if (pOut->a == 0) return SQLITE_NOMEM;
  for (;;) {
    const char *e = strchr(z, '|'), *s = z;
    size_t m = e ? (size_t)(e - z) : strlen(z);
    imp_trim(&s, &m);
    pOut->a[k].iRow = -1;
    if (m >= 2 && s[0] == '\'' && s[m - 1] == '\'') {
      pOut->a[k].iField = -1, pOut->a[k].zLit = s + 1, pOut->a[k].nLit = m - 2;
    } else if (imp_plus(s, m)) {
      /* fields joined by a space: FirstName + LastName */
      const char *q = s;
      size_t left = m;
      int nPart = 1;
      for (p = imp_plus(s, m); p; p = imp_plus(p + 3, m - (size_t)(p + 3 - s))) nPart++;
      pOut->a[k].aJoin = imp_arena_alloc(a, sizeof(int) * (size_t)nPart);
      if (pOut->a[k].aJoin == 0) return SQLITE_NOMEM;
      pOut->a[k].iField = -1;
      for (;;) {
        const char *r = imp_plus(q, left);
        size_t np = r ? (size_t)(r - q) : left;
        if (pOut->a[k].nJoin < nPart) pOut->a[k].aJoin[pOut->a[k].nJoin++] = imp_field_of(pHead, nHead, q, np);
        if (r == 0) break;
        left -= (size_t)(r + 3 - q);
        q = r + 3;
      }
    } else {
      pOut->a[k].iField = imp_field_of(pHead, nHead, s, m), pOut->a[k].zLit = 0;
    }
    k++;
    if (e == 0) break;
    z = e + 1;
  }
  pOut->n = k;
  return SQLITE_OK;
}

/* The first alternative with a value; "" when the file has one of the
** columns but leaves them all empty; NULL when it has none of them.  A
** joined alternative is built in b; azRow/anRow (or NULL) are the row's
** own columns, for parent.F.P = TABLE.COLUMN. */
void imp_alts_eval(const ImpAlts *s, RevopsCsv *pCsv, const char *const *azRow, const size_t *anRow, RevopsBuf *b,
                   const char **pz, size_t *pn) {
  int k, present = 0;
  for (k = 0; k < s->n; k++) {
    const char *z;
    size_t n;
    if (s->a[k].nJoin) {
      int q;
      b->n = 0;
      for (q = 0; q < s->a[k].nJoin; q++) {
        int iField = s->a[k].aJoin[q];
        if (iField < 0 || iField >= revops_csv_nfield(pCsv)) continue;
        present = 1;
        z = revops_csv_field(pCsv, iField, &n);
        imp_trim(&z, &n);
        if (n == 0) continue;
        if (b->n) revops_buf_append(b, " ", 1);
        revops_buf_append(b, z, n);
      }
      if (b->n && !b->oom) {
        *pz = b->z, *pn = b->n;
        return;
      }
      continue;
    }
    if (s->a[k].zLit) z = s->a[k].zLit, n = s->a[k].nLit;
    else if (s->a[k].iRow >= 0) {
      /* TABLE.COLUMN: the row's own value of that column */
      if (azRow == 0 || azRow[s->a[k].iRow] == 0) continue;
      z = azRow[s->a[k].iRow], n = anRow[s->a[k].iRow];
    } else if (s->a[k].iField >= 0 && s->a[k].iField < revops_csv_nfield(pCsv)) z = revops_csv_field(pCsv, s->a[k].iField, &n);
    else continue;
    present = 1;
    imp_trim(&z, &n);
    if (n) {
      *pz = z, *pn = n;
      return;
    }
  }
  *pz = present ? "" : 0;
  *pn = 0;
}

/* Does an alternative list read field iField? */
static int imp_alts_read(const ImpAlts *s, int iField) {
  int k, q;
  for (k = 0; k < s->n; k++) {
    if (s->a[k].iField == iField) return 1;
    for (q = 0; q < s->a[k].nJoin; q++) {
      if (s->a[k].aJoin[q] == iField) return 1;
    }
  }
  return 0;
}

/* Does column map m read field iField (its source, a when, times, per, a
** key's hash)? */
static int imp_colmap_reads(const ImpColMap *m, int iField) {
  int k;
  if (m->hasSrc && imp_alts_read(&m->src, iField)) return 1;
  if (m->iTimes == iField || m->iPer == iField || (m->keyHash && m->iHash == iField)) return 1;
  for (k = 0; k < m->nWhen; k++) {
    if (m->aWhen[k].iField == iField || imp_alts_read(&m->aWhen[k].src, iField)) return 1;
  }
  return 0;
}

/* Does a parent.FK.COLUMN line of the file's mapping read field iField? */
static int imp_settings_read(const ImpFileInfo *f, RevopsCsv *pHead, int nHead, int iField) {
  int j;
  for (j = 0; j < f->nSet; j++) {
    const ImpSetting *s = &f->aSet[j];
    const char *z;
    if (strcmp(s->zSetting, "parent") || s->zSrc == 0 || strchr(s->zCol, '.') == 0) continue;
    for (z = s->zSrc;;) {
      const char *e = strchr(z, '|'), *p = strstr(z, " + ");
      size_t n = e ? (size_t)(e - z) : strlen(z);
      if (p && (e == 0 || p < e)) n = (size_t)(p - z);
      if (imp_field_of(pHead, nHead, z, n) == iField) return 1;
      z += n;
      if (*z == 0) break;
      z += *z == '|' ? 1 : 3;
    }
  }
  return 0;
}

/* Build the column maps of table t for file f (settings whose column is
** one of t's; parent.* settings are not column maps). */
int imp_colmap_build(Imp *p, ImpFileInfo *f, ImpTable *t, RevopsCsv *pHead, int nHead, ImpArena *a,
                            ImpColMap **paMap) {
  ImpColMap *aMap = imp_arena_alloc(a, sizeof(ImpColMap) * (size_t)t->nCol);
  int i, j, rc = SQLITE_OK;
  (void)p;
  if (aMap == 0) return SQLITE_NOMEM;
  for (i = 0; i < t->nCol && rc == SQLITE_OK; i++) {
    ImpColMap *m = &aMap[i];
    int nSyn = 0, nBand = 0, nWhen = 0;
    m->iTimes = m->iPer = m->iHash = m->iLookupFk = -1;
    for (j = 0; j < f->nSet; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (s->zCol == 0 || sqlite3_stricmp(s->zCol, t->aCol[i].zName) != 0) continue;
      if (!strcmp(s->zSetting, "value") || !strcmp(s->zSetting, "contains")) nSyn++;
      else if (!strcmp(s->zSetting, "band")) nBand++;
      else if (!strcmp(s->zSetting, "when")) nWhen++;
    }
    m->aSyn = nSyn ? imp_arena_alloc(a, sizeof(ImpSyn) * (size_t)nSyn) : 0;
    m->aBand = nBand ? imp_arena_alloc(a, sizeof(ImpBand) * (size_t)nBand) : 0;
    m->aWhen = nWhen ? imp_arena_alloc(a, sizeof(ImpWhen) * (size_t)nWhen) : 0;
    if ((nSyn && !m->aSyn) || (nBand && !m->aBand) || (nWhen && !m->aWhen)) return SQLITE_NOMEM;
    /* exact synonyms first (the mapping's own, then lists), contains after */
    for (j = 0; j < f->nSet; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (s->zCol == 0 || sqlite3_stricmp(s->zCol, t->aCol[i].zName) != 0) continue;
      if (!strcmp(s->zSetting, "value")) m->aSyn[m->nSyn].zFrom = s->zSrc, m->aSyn[m->nSyn++].zTo = s->zDst;
    }
    for (j = 0; j < f->nSet && rc == SQLITE_OK; j++) {
      const ImpSetting *s = &f->aSet[j];
      if (s->zCol == 0 || sqlite3_stricmp(s->zCol, t->aCol[i].zName) != 0) continue;
      if (!strcmp(s->zSetting, "contains")) {
        m->aSyn[m->nSyn].contains = 1, m->aSyn[m->nSyn].zFrom = s->zSrc, m->aSyn[m->nSyn++].zTo = s->zDst;
      } else if (!strcmp(s->zSetting, "column")) {
        m->hasSrc = 1;
        rc = imp_alts_parse(a, pHead, nHead, s->zSrc, &m->src);
      } else if (!strcmp(s->zSetting, "default")) {
        m->zDefault = s->zDst;
      } else if (!strcmp(s->zSetting, "key")) {
        if (sqlite3_strnicmp(s->zDst, "hash ", 5) == 0) {
          m->keyHash = 1, m->iHash = imp_field_of(pHead, nHead, s->zDst + 5, strlen(s->zDst + 5));
        } else {
          m->keyLine = 1;
        }
      } else if (!strcmp(s->zSetting, "prefix")) {
        m->zPrefix = s->zDst;
      } else if (!strcmp(s->zSetting, "unknown")) {
        m->unknownEmpty = 1;
      } else if (!strcmp(s->zSetting, "lookup")) {
        const char *zDot = strchr(s->zDst, '.');
        int q;
        for (q = 0; q < t->nCol && zDot; q++) {
          if ((size_t)(zDot - s->zDst) == strlen(t->aCol[q].zName) &&
              sqlite3_strnicmp(t->aCol[q].zName, s->zDst, (int)(zDot - s->zDst)) == 0) {
            m->iLookupFk = q, m->zLookupCol = zDot + 1;
          }
        }
      } else if (!strcmp(s->zSetting, "otherwise")) {
        m->zOtherwise = s->zDst ? s->zDst : "";
      } else if (!strcmp(s->zSetting, "percent")) {
        m->percent = sqlite3_stricmp(s->zDst, "yes") == 0;
      } else if (!strcmp(s->zSetting, "first")) {
        m->cFirst = s->zDst[0];
      } else if (!strcmp(s->zSetting, "times")) {
        m->hasTimes = 1, m->iTimes = imp_field_of(pHead, nHead, s->zSrc, strlen(s->zSrc));
      } else if (!strcmp(s->zSetting, "per")) {
        m->hasPer = 1, m->iPer = imp_field_of(pHead, nHead, s->zSrc, strlen(s->zSrc));
      } else if (!strcmp(s->zSetting, "band")) {
        ImpBand *b = &m->aBand[m->nBand++];
        imp_map_band(s->zSrc, &b->op, &b->v);
        b->zLabel = s->zDst;
      } else if (!strcmp(s->zSetting, "when")) {
        ImpWhen *w = &m->aWhen[m->nWhen++];
        const char *zIs = imp_map_is(s->zSrc, &w->isNot);
        w->iField = imp_field_of(pHead, nHead, s->zSrc, (size_t)(zIs - s->zSrc));
        w->zList = zIs + (w->isNot ? 8 : 4);
        rc = imp_alts_parse(a, pHead, nHead, s->zDst, &w->src);
      }
    }
    if (rc == SQLITE_OK && !m->hasSrc) {
      /* the column's own name, as for a canonical file (below: unless the
      ** mapping reads that column for something else) */
      m->src.a = imp_arena_alloc(a, sizeof(ImpAlt));
      if (m->src.a == 0) return SQLITE_NOMEM;
      m->src.a[0].iField = imp_field_of(pHead, nHead, t->aCol[i].zName, strlen(t->aCol[i].zName));
      m->src.a[0].iRow = -1;
      m->src.n = 1;
    }
  }
  /* A column of the file is used by its name only when no line of the
  ** mapping reads it: a file's Campaign_ID that the mapping maps to
  ** another column is not also campaign_id; a FILE -> TABLE section uses
  ** none by name (docs/data.md "Mappings"). */
  for (i = 0; i < t->nCol && rc == SQLITE_OK; i++) {
    int iField = aMap[i].src.n ? aMap[i].src.a[0].iField : -1;
    if (aMap[i].hasSrc || iField < 0) continue;
    if (f->zSection) {
      /* a FILE -> TABLE section feeds only the columns it maps */
      aMap[i].src.a[0].iField = -1;
      continue;
    }
    for (j = 0; j < t->nCol; j++) {
      if (j != i && imp_colmap_reads(&aMap[j], iField)) break;
    }
    if (j < t->nCol || imp_settings_read(f, pHead, nHead, iField)) aMap[i].src.a[0].iField = -1;
  }
  *paMap = aMap;
  return rc;
}

/* Is the trimmed text one of the comma-separated list (any case)? */
static int imp_in_list(const char *zList, const char *z, size_t n) {
  for (;;) {
    const char *e = strchr(zList, ','), *s = zList;
    size_t m = e ? (size_t)(e - zList) : strlen(zList);
    imp_trim(&s, &m);
    if (m == n && sqlite3_strnicmp(s, z, (int)n) == 0) return 1;
    if (e == 0) return 0;
    zList = e + 1;
  }
}

/* Does z[0..n) start with one of the comma-separated prefixes (as
** written: Salesforce ids are case-sensitive)? */
static int imp_has_prefix(const char *zList, const char *z, size_t n) {
  for (;;) {
    const char *e = strchr(zList, ','), *s = zList;
    size_t m = e ? (size_t)(e - zList) : strlen(zList);
    imp_trim(&s, &m);
    if (m && m <= n && memcmp(s, z, m) == 0) return 1;
    if (e == 0) return 0;
    zList = e + 1;
  }
}

/* Months in one billing interval (per.COLUMN): 0 when it is not one. */
static double imp_interval_months(const char *z, size_t n) {
  static const struct { const char *z; double m; } a[] = {
      {"month", 1},      {"monthly", 1},   {"mo", 1},       {"quarter", 3}, {"quarterly", 3},
      {"year", 12},      {"yearly", 12},   {"annual", 12},  {"annually", 12}, {"yr", 12},
      {"week", 12.0 / 52}, {"weekly", 12.0 / 52}, {"day", 12.0 / 365}, {"daily", 12.0 / 365},
  };
  size_t k;
  for (k = 0; k < sizeof(a) / sizeof(a[0]); k++) {
    if (strlen(a[k].z) == n && sqlite3_strnicmp(a[k].z, z, (int)n) == 0) return a[k].m;
  }
  return 0;
}

/* "mrr: 'x' is not a number (times.mrr)": what a step of the mapping
** could not do, the value as in the file. */
static void imp_map_problem(RevopsBuf *e, const char *zCol, const char *z, size_t n, const char *zWhy,
                            const char *zSetting) {
  if (e->n) revops_buf_lit(e, "; ");
  revops_buf_str(e, zCol);
  revops_buf_lit(e, ": ");
  imp_show(e, z, n);
  revops_buf_str(e, zWhy);
  revops_buf_lit(e, " (");
  revops_buf_str(e, zSetting);
  revops_buf_append(e, ".", 1);
  revops_buf_str(e, zCol);
  revops_buf_lit(e, ")");
}

/* Column i's text for the current record: *pz NULL when the file does not
** give the column.  zBuf (at least 40 bytes) holds a computed number;
** problems go to e. */
void imp_colmap_eval(const ImpTable *t, int i, const ImpColMap *m, RevopsCsv *pCsv, char *zBuf,
                            RevopsBuf *pJoin, const char **pz, size_t *pn, RevopsBuf *e) {
  const ImpCol *c = &t->aCol[i];
  const char *z;
  size_t n;
  int k, matched = 0;
  for (k = 0; k < m->nWhen; k++) {
    const ImpWhen *w = &m->aWhen[k];
    const char *y = "";
    size_t ny = 0;
    int hit;
    if (w->iField >= 0 && w->iField < revops_csv_nfield(pCsv)) {
      y = revops_csv_field(pCsv, w->iField, &ny);
      imp_trim(&y, &ny);
    }
    hit = imp_in_list(w->zList, y, ny);
    if (w->isNot ? !hit : hit) {
      imp_alts_eval(&w->src, pCsv, 0, 0, pJoin, pz, pn);
      if (*pz == 0) *pz = "", *pn = 0;
      return;
    }
  }
  imp_alts_eval(&m->src, pCsv, 0, 0, pJoin, &z, &n);
  *pz = z, *pn = n;
  if (z == 0 || n == 0) return;
  if (m->cFirst) {
    const char *q = memchr(z, m->cFirst, n);
    if (q) n = (size_t)(q - z);
    imp_trim(&z, &n);
    *pz = z, *pn = n;
    if (n == 0) return;
  }
  if (m->zPrefix && !imp_has_prefix(m->zPrefix, z, n)) {
    /* prefix.X: an id of another object (a task's WhatId naming an account
    ** where the column wants an opportunity) is not this column's */
    *pz = "", *pn = 0;
    return;
  }
  if (m->percent || m->hasTimes || m->hasPer || m->nBand) {
    double x;
    size_t nx = n;
    if (m->percent && nx > 0 && z[nx - 1] == '%') nx--;
    /* not a number: loaded as it is, and the column's type says why */
    if (!imp_parse_real(z, nx, &x)) return;
    if (m->percent) x /= 100;
    if (m->hasTimes && m->iTimes >= 0 && m->iTimes < revops_csv_nfield(pCsv)) {
      size_t nq;
      const char *q = revops_csv_field(pCsv, m->iTimes, &nq);
      double y;
      imp_trim(&q, &nq);
      if (nq && !imp_parse_real(q, nq, &y)) {
        imp_map_problem(e, c->zName, q, nq, " is not a number", "times");
        return;
      }
      if (nq) x *= y;
    }
    if (m->hasPer) {
      double months = 1;
      if (m->iPer >= 0 && m->iPer < revops_csv_nfield(pCsv)) {
        size_t nq;
        const char *q = revops_csv_field(pCsv, m->iPer, &nq);
        imp_trim(&q, &nq);
        if (nq && (months = imp_interval_months(q, nq)) == 0) {
          imp_map_problem(e, c->zName, q, nq, " is not a billing interval: day, week, month, quarter or year", "per");
          return;
        }
      }
      /* per month, to 4 decimal places (1200 a year: 100; 100 a year: 8.3333) */
      x = round(x / months * 10000) / 10000;
    }
    if (m->nBand) {
      for (k = 0; k < m->nBand; k++) {
        const ImpBand *b = &m->aBand[k];
        int in = b->op == IMP_OP_GE ? x >= b->v : b->op == IMP_OP_GT ? x > b->v : b->op == IMP_OP_LE ? x <= b->v : x < b->v;
        if (in) {
          *pz = b->zLabel, *pn = strlen(b->zLabel);
          return;
        }
      }
      imp_map_problem(e, c->zName, z, n, " is in no band", "band");
      return;
    }
    revops_fmt_num(zBuf, 40, x);
    z = zBuf, n = strlen(zBuf);
    *pz = z, *pn = n;
  }
  for (k = 0; k < m->nSyn && !matched; k++) {
    const ImpSyn *s = &m->aSyn[k];
    size_t nf = strlen(s->zFrom);
    if (!s->contains) {
      matched = nf == n && sqlite3_strnicmp(s->zFrom, z, (int)n) == 0;
    } else {
      size_t q;
      for (q = 0; q + nf <= n && !matched; q++) matched = sqlite3_strnicmp(s->zFrom, z + q, (int)nf) == 0;
    }
    if (matched) *pz = s->zTo, *pn = strlen(s->zTo);
  }
  if (!matched && m->zOtherwise) {
    /* a value the column knows (one of its values, or a built-in synonym) stays */
    int known = imp_synonym(t->zName, c->zName, z, n) != 0;
    for (k = 0; k < c->nEnum && !known; k++) {
      known = strlen(c->azEnum[k]) == n && sqlite3_strnicmp(c->azEnum[k], z, (int)n) == 0;
    }
    if (!known) *pz = m->zOtherwise, *pn = strlen(m->zOtherwise);
  }
}

/* The fields that feed the table's date columns: the file's date order is
** read from them (docs/data.md "Dates"). */
int imp_date_fields(const ImpTable *t, const ImpColMap *aMap, const int *aDirect, ImpArena *a, int **paField,
                           int *pn) {
  int i, k, n = 0, *aField;
  for (i = 0; i < t->nCol; i++) {
    if (t->aCol[i].kind != IMP_K_DATE && t->aCol[i].kind != IMP_K_DATETIME) continue;
    if (aMap == 0) n++;
    else {
      n += aMap[i].src.n;
      for (k = 0; k < aMap[i].nWhen; k++) n += aMap[i].aWhen[k].src.n;
    }
  }
  aField = imp_arena_alloc(a, sizeof(int) * (size_t)(n + 1));
  if (aField == 0) return SQLITE_NOMEM;
  n = 0;
  for (i = 0; i < t->nCol; i++) {
    if (t->aCol[i].kind != IMP_K_DATE && t->aCol[i].kind != IMP_K_DATETIME) continue;
    if (aMap == 0) {
      if (aDirect[i] >= 0) aField[n++] = aDirect[i];
      continue;
    }
    for (k = 0; k < aMap[i].src.n; k++) {
      if (aMap[i].src.a[k].iField >= 0) aField[n++] = aMap[i].src.a[k].iField;
    }
    for (k = 0; k < aMap[i].nWhen; k++) {
      int q;
      for (q = 0; q < aMap[i].aWhen[k].src.n; q++) {
        if (aMap[i].aWhen[k].src.a[q].iField >= 0) aField[n++] = aMap[i].aWhen[k].src.a[q].iField;
      }
    }
  }
  *paField = aField;
  *pn = n;
  return SQLITE_OK;
}

/* -------------------------------------------------- settings onto files */

static int imp_date_order(const char *z) {
  if (z == 0) return IMP_ORDER_NONE;
  if (sqlite3_stricmp(z, "MDY") == 0) return IMP_ORDER_MDY;
  if (sqlite3_stricmp(z, "DMY") == 0) return IMP_ORDER_DMY;
  if (sqlite3_stricmp(z, "YMD") == 0) return IMP_ORDER_YMD;
  return IMP_ORDER_NONE;
}

/* Is there a [values NAME] list in the mappings? */
static int imp_list_exists(Imp *p, const char *zName, int *pRc) {
  sqlite3_stmt *s = 0;
  int found = 0;
  *pRc = imp_prepare(p, &s, "SELECT 1 FROM temp.imp_mapping WHERE file = 'values ' || ?1 COLLATE NOCASE LIMIT 1");
  if (*pRc != SQLITE_OK) return 0;
  sqlite3_bind_text(s, 1, zName ? zName : "", -1, SQLITE_STATIC);
  found = sqlite3_step(s) == SQLITE_ROW;
  sqlite3_finalize(s);
  return found;
}

/* parent.FK or parent.FK.COL: FK a foreign key of the file's table, COL a
** column of the table it points to. */
static int imp_parent_ok(Imp *p, const char *zTable, const char *zCol) {
  const char *zDot = strchr(zCol, '.');
  size_t n = zDot ? (size_t)(zDot - zCol) : strlen(zCol);
  int t, k, q;
  for (t = 0; t < p->schema.nTable; t++) {
    ImpTable *pt = &p->schema.aTable[t];
    if (strcmp(pt->zName, zTable) != 0) continue;
    for (k = 0; k < pt->nCol; k++) {
      ImpCol *c = &pt->aCol[k];
      if (strlen(c->zName) != n || sqlite3_strnicmp(c->zName, zCol, (int)n) != 0 || c->iFkTable < 0) continue;
      if (zDot == 0) return 1;
      for (q = 0; q < p->schema.aTable[c->iFkTable].nCol; q++) {
        if (sqlite3_stricmp(p->schema.aTable[c->iFkTable].aCol[q].zName, zDot + 1) == 0) return 1;
      }
    }
  }
  return 0;
}

/* lookup.X = FK.COLUMN: FK a foreign key of t, COLUMN a column of the
** table it points to. */
static int imp_lookup_ok(Imp *p, const ImpTable *t, const char *z) {
  const char *zDot = strchr(z, '.');
  int k, q;
  for (k = 0; k < t->nCol && zDot; k++) {
    const ImpCol *c = &t->aCol[k];
    if (c->iFkTable < 0 || strlen(c->zName) != (size_t)(zDot - z) || sqlite3_strnicmp(c->zName, z, (int)(zDot - z))) {
      continue;
    }
    for (q = 0; q < p->schema.aTable[c->iFkTable].nCol; q++) {
      if (sqlite3_stricmp(p->schema.aTable[c->iFkTable].aCol[q].zName, zDot + 1) == 0) return 1;
    }
  }
  return 0;
}

/* The mappings' settings (temp.imp_mapping: the user's and the shipped
** presets' a file matched, import.sql), onto their files. */
int imp_read_mappings(Imp *p) {
  sqlite3_stmt *s = 0;
  /* every section but the layouts (match =), their FILE -> TABLE
  ** sections (copied per file by import.sql) and the [values] lists */
  int rc = imp_prepare(p, &s, "SELECT map_file, line, file, setting, col, src, dst FROM temp.imp_mapping AS m"
                   " WHERE file NOT LIKE 'values %%' AND NOT EXISTS (SELECT 1 FROM temp.imp_mapping AS x"
                   " WHERE x.origin = m.origin AND x.map_file = m.map_file AND x.setting = 'match'"
                   " AND (x.file = m.file OR instr(m.file, ' -> ') > 0 AND x.file = rtrim(substr(m.file, 1,"
                   " instr(m.file, ' -> ') - 1), ' ' || char(9)) COLLATE NOCASE))"
                   " ORDER BY ord, map_file, line");
  if (rc != SQLITE_OK) return rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const char *zFile = (const char *)sqlite3_column_text(s, 2);
    int i, k;
    ImpFileInfo *f;
    ImpSetting *m;
    for (i = 0; i < p->nFile; i++) {
      const char *zKey = p->aFile[i].zSection ? p->aFile[i].zSection : p->aFile[i].zFile;
      if (zFile && sqlite3_stricmp(zKey, zFile) == 0) break;
    }
    if (i == p->nFile) {
      imp_fail(p, "revops_import(): %s line %d maps [%s], which is not a CSV file of the directory",
               (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), zFile ? zFile : "");
      rc = SQLITE_ERROR;
      break;
    }
    f = &p->aFile[i];
    m = sqlite3_realloc64(f->aSet, sizeof(ImpSetting) * (sqlite3_uint64)(f->nSet + 1));
    if (m == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    f->aSet = m;
    m = &f->aSet[f->nSet++];
    m->zSetting = imp_dup_col(s, 3);
    m->zCol = imp_dup_col(s, 4);
    m->zSrc = imp_dup_col(s, 5);
    m->zDst = imp_dup_col(s, 6);
    if (m->zSetting == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (strcmp(m->zSetting, "date_order") == 0) {
      f->eOrder = imp_date_order(m->zDst);
      f->orderDeclared = 1;
    }
    if (strcmp(m->zSetting, "create_parents") == 0) f->createParents = sqlite3_stricmp(m->zDst, "yes") == 0;
    if (strcmp(m->zSetting, "label") == 0) f->zLabel = m->zDst;
    if (strcmp(m->zSetting, "footer") == 0) f->zFooter = m->zSrc;
    if (strcmp(m->zSetting, "rows") == 0) f->stageChanges = 1;
    if (strcmp(m->zSetting, "update_only") == 0) f->updateOnly = sqlite3_stricmp(m->zDst, "yes") == 0;
    if (strcmp(m->zSetting, "aggregate") == 0) f->aggregate = 1;
    if (strcmp(m->zSetting, "values") == 0 && !imp_list_exists(p, m->zDst, &rc)) {
      if (rc == SQLITE_OK) {
        imp_fail(p, "revops_import(): %s line %d: values.%s = %s names no [values %s] section of a .map file",
                 (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), m->zCol, m->zDst, m->zDst);
        rc = SQLITE_ERROR;
      }
      break;
    }
    /* A column the table does not have is a mistake worth stopping for. */
    if (m->zCol && f->zTable && strcmp(m->zSetting, "parent") == 0) {
      if (!imp_parent_ok(p, f->zTable, m->zCol)) {
        imp_fail(p, "revops_import(): %s line %d: parent.%s: the first name is a column of %s with a foreign key,"
                 " the second a column of the table it points to",
                 (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), m->zCol, f->zTable);
        rc = SQLITE_ERROR;
        break;
      }
    } else if (m->zCol && f->zTable) {
      int t = -1;
      for (k = 0; k < p->schema.nTable; k++) {
        if (strcmp(p->schema.aTable[k].zName, f->zTable) == 0) t = k;
      }
      if (t >= 0) {
        for (k = 0; k < p->schema.aTable[t].nCol; k++) {
          if (sqlite3_stricmp(p->schema.aTable[t].aCol[k].zName, m->zCol) == 0) break;
        }
        if (k == p->schema.aTable[t].nCol) {
          imp_fail(p, "revops_import(): %s line %d: table %s has no column %s",
                   (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), f->zTable, m->zCol);
          rc = SQLITE_ERROR;
          break;
        }
        if (strcmp(m->zSetting, "unknown") == 0 && p->schema.aTable[t].aCol[k].required) {
          imp_fail(p, "revops_import(): %s line %d: unknown.%s = empty: %s.%s is required, it cannot be left empty",
                   (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), m->zCol, f->zTable, m->zCol);
          rc = SQLITE_ERROR;
          break;
        }
        if ((strcmp(m->zSetting, "unknown") == 0 && p->schema.aTable[t].aCol[k].iFkTable < 0) ||
            (strcmp(m->zSetting, "lookup") == 0 && !imp_lookup_ok(p, &p->schema.aTable[t], m->zDst))) {
          imp_fail(p, m->zSetting[0] == 'u'
                          ? "revops_import(): %s line %d: unknown.%s: %s.%s is not a foreign key (unknown. = empty is for a"
                            " value with no parent row)"
                          : "revops_import(): %s line %d: lookup.%s: %s is not a foreign key of %s and a column"
                            " of the table it points to",
                   (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), m->zCol,
                   m->zSetting[0] == 'u' ? f->zTable : m->zDst, m->zSetting[0] == 'u' ? m->zCol : f->zTable);
          rc = SQLITE_ERROR;
          break;
        }
      }
    }
  }
  sqlite3_finalize(s);
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  else if (rc != SQLITE_OK && rc != SQLITE_NOMEM && p->zErr == 0) rc = imp_sql_error(p, rc);
  return rc;
}

