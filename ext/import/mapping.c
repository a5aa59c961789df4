/*
** mapping.c — revops_mapping(dir): the user-written mappings of an import
** directory (docs/data.md "Mappings").
**
**   SELECT * FROM revops_mapping('exports')
**
** Every *.map file of the directory is read as a small INI file, one
** section per CSV file it maps:
**
**   # dbt.map: the dbt MRR playbook's subscription list
**   [subscription_periods.csv]
**   table = subscriptions
**   column.account_id = customer_id          # table column = file column
**   column.mrr = monthly_amount
**   key.subscription_id = line               # generated: <file stem>-<line>
**   value.billing_interval = monthly => month
**   default.billing_interval = month
**   date_order = MDY                          # MDY, DMY or YMD
**   create_parents = yes                      # missing parents from their key
**   skip = Copyright (c)                      # rows starting with this text
**
** One row per setting: map_file, line, file (the section), setting, col,
** src, dst.  A line that is not a known setting stops the query with the
** map file, the line and what is allowed: a mapping is never half read.
** SQLITE_VTAB_DIRECTONLY, like the other readers.
**
** Owns: the .map file syntax, its settings and their checks, the
** revops_mapping and revops_presets tables, and the shipped presets.
** Must not: apply a mapping to a file: resolve.c does that, for the
** loader, from what import.sql puts in temp.imp_mapping.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp.h"
#include "impvalues.h"
#include "presets.h"

#define MAP_MAX_BYTES (1 << 20) /* one .map file */

typedef struct MapRow {
  char *zMapFile, *zFile, *zSetting, *zCol, *zSrc, *zDst;
  int line;
} MapRow;

typedef struct MapCursor {
  sqlite3_vtab_cursor base;
  MapRow *aRow;
  int nRow, nAlloc, iRow;
} MapCursor;

static const char zMapSchema[] =
    "CREATE TABLE x(map_file TEXT, line INT, file TEXT, setting TEXT, col TEXT, src TEXT, dst TEXT,"
    " dir HIDDEN)";

static int mapConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux, (void)argc, (void)argv, (void)pzErr;
  return imp_vtab_connect(db, zMapSchema, ppVtab);
}

static int mapBestIndex(sqlite3_vtab *tab, sqlite3_index_info *pInfo) {
  int i;
  (void)tab;
  pInfo->idxNum = 0;
  for (i = 0; i < pInfo->nConstraint; i++) {
    if (pInfo->aConstraint[i].iColumn != 7 || pInfo->aConstraint[i].op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if (!pInfo->aConstraint[i].usable) return SQLITE_CONSTRAINT;
    pInfo->aConstraintUsage[i].argvIndex = 1;
    pInfo->aConstraintUsage[i].omit = 1;
    pInfo->idxNum = 1;
  }
  pInfo->estimatedCost = pInfo->idxNum ? 1000 : 1e12;
  return SQLITE_OK;
}

static void map_rows_free(MapCursor *c) {
  int i;
  for (i = 0; i < c->nRow; i++) {
    MapRow *r = &c->aRow[i];
    sqlite3_free(r->zMapFile);
    sqlite3_free(r->zFile);
    sqlite3_free(r->zSetting);
    sqlite3_free(r->zCol);
    sqlite3_free(r->zSrc);
    sqlite3_free(r->zDst);
  }
  sqlite3_free(c->aRow);
  c->aRow = 0;
  c->nRow = c->nAlloc = c->iRow = 0;
}

static int mapOpen(sqlite3_vtab *p, sqlite3_vtab_cursor **pp) {
  MapCursor *c = sqlite3_malloc(sizeof(*c));
  (void)p;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *pp = &c->base;
  return SQLITE_OK;
}

static int mapClose(sqlite3_vtab_cursor *cur) {
  map_rows_free((MapCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static char *map_dup(const char *z, size_t n) {
  while (n > 0 && (*z == ' ' || *z == '\t')) z++, n--;
  while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t' || z[n - 1] == '\r')) n--;
  return sqlite3_mprintf("%.*s", (int)n, z);
}

static void map_error(sqlite3_vtab *pVtab, const char *zFmt, ...) {
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
}

static const char zAllowed[] =
    "table, layout, match, match_any, refuse, id_prefix, label, date_order, create_parents, skip, footer, rows, aggregate,"
    " update_only, column.COLUMN, value.COLUMN, values.COLUMN, contains.COLUMN, otherwise.COLUMN, band.COLUMN,"
    " percent.COLUMN, first.COLUMN, times.COLUMN, per.COLUMN, when.COLUMN, prefix.COLUMN, default.COLUMN,"
    " key.COLUMN, unknown.COLUMN, lookup.COLUMN, parent.COLUMN[.COLUMN]";

static const char *const azPlain[] = {"table", "layout", "match", "match_any", "refuse", "id_prefix", "label", "date_order",
                                      "create_parents", "skip", "footer", "rows", "aggregate", "update_only", 0};
static const char *const azDotted[] = {"column", "value", "values", "contains", "otherwise", "band", "percent",
                                       "first", "times", "per", "when", "prefix", "default", "key", "unknown",
                                       "lookup", "parent", 0};

/* The settings a section may give more than once (each line adds a rule);
** any other is given once per section and column: a second line would
** silently replace the first. */
static const char *const azRepeatable[] = {"value", "contains", "band", "when", "skip", "footer", 0};

static int map_known(const char *const *az, const char *z);

static int map_once_cmp(const void *pa, const void *pb) {
  const MapRow *a = *(const MapRow *const *)pa, *b = *(const MapRow *const *)pb;
  int c = sqlite3_stricmp(a->zFile, b->zFile);
  if (c == 0) c = strcmp(a->zSetting, b->zSetting);
  if (c == 0) c = strcmp(a->zCol ? a->zCol : "", b->zCol ? b->zCol : "");
  if (c == 0) c = (a->line > b->line) - (a->line < b->line);
  return c;
}

/* Rows iFirst.. of c are one .map file's: a setting given twice for one
** section is an error naming both lines.  Sorted, so n log n whatever the
** file holds. */
static int map_check_once(sqlite3_vtab *pVtab, MapCursor *c, int iFirst, const char *zMapFile) {
  int i, n = 0, rc = SQLITE_OK;
  MapRow **ap = sqlite3_malloc64(sizeof(MapRow *) * (sqlite3_uint64)(c->nRow - iFirst + 1));
  if (ap == 0) return SQLITE_NOMEM;
  for (i = iFirst; i < c->nRow; i++) {
    if (!map_known(azRepeatable, c->aRow[i].zSetting) && sqlite3_strnicmp(c->aRow[i].zFile, "values ", 7) != 0) {
      ap[n++] = &c->aRow[i];
    }
  }
  qsort((void *)ap, (size_t)n, sizeof(MapRow *), map_once_cmp);
  for (i = 1; i < n; i++) {
    MapRow *a = ap[i - 1], *b = ap[i];
    if (sqlite3_stricmp(a->zFile, b->zFile) == 0 && strcmp(a->zSetting, b->zSetting) == 0 &&
        strcmp(a->zCol ? a->zCol : "", b->zCol ? b->zCol : "") == 0) {
      map_error(pVtab, "revops_mapping(): %s line %d: %s%s%s is given twice for [%s] (first on line %d): keep one",
                zMapFile, b->line, a->zSetting, a->zCol ? "." : "", a->zCol ? a->zCol : "", a->zFile, a->line);
      rc = SQLITE_ERROR;
      break;
    }
  }
  sqlite3_free(ap);
  return rc;
}

static int map_known(const char *const *az, const char *z) {
  int i;
  for (i = 0; az[i]; i++) {
    if (strcmp(az[i], z) == 0) return 1;
  }
  return 0;
}

/* Is z[0..n) more than blanks? */
static int map_part(const char *z, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (z[i] != ' ' && z[i] != '\t') return 1;
  }
  return 0;
}

/* Column sources: "A | B + C | 'text'", each a column of the file or a quoted
** literal; 0 when one is empty or a quote is not closed. */
static int map_sources_ok(const char *z) {
  for (;;) {
    const char *e = strchr(z, '|');
    size_t n = e ? (size_t)(e - z) : strlen(z);
    while (n > 0 && (*z == ' ' || *z == '\t')) z++, n--;
    while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
    if (n == 0) return 0;
    if ((z[0] == '\'') != (z[n - 1] == '\'') || (z[0] == '\'' && n < 2)) return 0;
    if (z[0] != '\'') {
      /* A + B: each part a column name */
      size_t i, start = 0;
      for (i = 0; i + 3 <= n; i++) {
        if (z[i] == ' ' && z[i + 1] == '+' && z[i + 2] == ' ') {
          if (!map_part(z + start, i - start)) return 0;
          start = i + 3;
          i += 2;
        }
      }
      if (start && !map_part(z + start, n - start)) return 0;
    }
    if (e == 0) return 1;
    z = e + 1;
  }
}

/* "< 50", "<= 1e3", ">= 500": 1 and the operator and number, else 0. */
int imp_map_band(const char *z, int *pOp, double *pV) {
  int op;
  char *zEnd;
  while (*z == ' ' || *z == '\t') z++;
  if (z[0] == '<') op = z[1] == '=' ? 2 : 3;
  else if (z[0] == '>') op = z[1] == '=' ? 0 : 1;
  else return 0;
  z += (op == 0 || op == 2) ? 2 : 1;
  while (*z == ' ' || *z == '\t') z++;
  if (*z == 0) return 0;
  {
    size_t n = strlen(z);
    while (n > 0 && (z[n - 1] == ' ' || z[n - 1] == '\t')) n--;
    if (!imp_parse_real(z, n, pV)) return 0;
  }
  (void)zEnd;
  *pOp = op; /* IMP_OP_GE, _GT, _LE, _LT */
  return 1;
}

/* "Status is not a, b": where " is " starts (the last one), or NULL. */
const char *imp_map_is(const char *z, int *pNot) {
  const char *p = 0, *q = z;
  size_t n = strlen(z);
  for (q = z; q + 4 <= z + n; q++) {
    if (sqlite3_strnicmp(q, " is ", 4) == 0) p = q;
  }
  if (p == 0) return 0;
  *pNot = sqlite3_strnicmp(p + 4, "not ", 4) == 0;
  return p;
}

static int map_push(MapCursor *c, const char *zMapFile, const char *zSection, int line, char *zSetting, char *zCol,
                    char *zSrc, char *zDst) {
  MapRow *r;
  if (c->nRow == c->nAlloc) {
    int nNew = c->nAlloc ? c->nAlloc * 2 : 16;
    MapRow *aNew = sqlite3_realloc64(c->aRow, sizeof(MapRow) * (sqlite3_uint64)nNew);
    if (aNew == 0) {
      sqlite3_free(zSetting), sqlite3_free(zCol), sqlite3_free(zSrc), sqlite3_free(zDst);
      return SQLITE_NOMEM;
    }
    c->aRow = aNew, c->nAlloc = nNew;
  }
  r = &c->aRow[c->nRow++];
  r->zMapFile = sqlite3_mprintf("%s", zMapFile);
  r->zFile = sqlite3_mprintf("%s", zSection);
  r->zSetting = zSetting, r->zCol = zCol, r->zSrc = zSrc, r->zDst = zDst;
  r->line = line;
  if (r->zMapFile == 0 || r->zFile == 0 || zSetting == 0) return SQLITE_NOMEM;
  return SQLITE_OK;
}

/* Check one setting's value; 0 with the error set when it cannot be read. */
static int map_check(sqlite3_vtab *pVtab, const char *zMapFile, int line, const char *zSetting, const char *zCol,
                     const char *zVal) {
  const char *zArrow = strstr(zVal, "=>");
#define MAP_FAIL(...)                                                                          \
  do {                                                                                         \
    char *zWhy_ = sqlite3_mprintf(__VA_ARGS__);                                                \
    map_error(pVtab, "revops_mapping(): %s line %d: %s", zMapFile, line, zWhy_ ? zWhy_ : "?"); \
    sqlite3_free(zWhy_);                                                                       \
    return 0;                                                                                  \
  } while (0)
  if (strcmp(zSetting, "date_order") == 0 && sqlite3_stricmp(zVal, "MDY") && sqlite3_stricmp(zVal, "DMY") &&
      sqlite3_stricmp(zVal, "YMD")) {
    MAP_FAIL("date_order is MDY, DMY or YMD, not '%s'", zVal);
  }
  if ((strcmp(zSetting, "create_parents") == 0 || strcmp(zSetting, "percent") == 0 ||
       strcmp(zSetting, "update_only") == 0) && sqlite3_stricmp(zVal, "yes") &&
      sqlite3_stricmp(zVal, "no")) {
    MAP_FAIL("%s%s%s is yes or no, not '%s'", zSetting, zCol ? "." : "", zCol ? zCol : "", zVal);
  }
  if (strcmp(zSetting, "key") == 0 && sqlite3_stricmp(zVal, "line") &&
      (sqlite3_strnicmp(zVal, "hash ", 5) != 0 || !map_part(zVal + 5, strlen(zVal + 5)))) {
    MAP_FAIL("key.%s = line (file stem-line, or the line number for a whole-number key) or key.%s = hash COLUMN"
             " (a whole number made from the column's text), not '%s'", zCol, zCol, zVal);
  }
  if (strcmp(zSetting, "aggregate") == 0 && sqlite3_stricmp(zVal, "sum")) {
    MAP_FAIL("aggregate = sum is the one way to combine rows that share a key (their numbers added up), not '%s'", zVal);
  }
  if (strcmp(zSetting, "unknown") == 0 && sqlite3_stricmp(zVal, "empty")) {
    MAP_FAIL("unknown.%s = empty (a value with no parent row loads as empty) is the one choice, not '%s'", zCol, zVal);
  }
  if (strcmp(zSetting, "lookup") == 0) {
    const char *zDot = strchr(zVal, '.');
    if (zDot == 0 || zDot == zVal || zDot[1] == 0 || strchr(zDot + 1, '.') || strchr(zVal, ' ')) {
      MAP_FAIL("lookup.%s = FOREIGN_KEY.COLUMN (that column of the row the foreign key points at), not '%s'", zCol,
               zVal);
    }
  }
  if (strcmp(zSetting, "rows") == 0 && sqlite3_stricmp(zVal, "stage_changes")) {
    MAP_FAIL("rows = stage_changes is the one row transform (one stage-history row per change of stage), not '%s'", zVal);
  }
  if ((strcmp(zSetting, "value") == 0 || strcmp(zSetting, "contains") == 0) &&
      (zArrow == 0 || zArrow == zVal)) {
    MAP_FAIL("write %s.%s = text in the file => text to load", zSetting, zCol);
  }
  if (strcmp(zSetting, "band") == 0) {
    int op;
    double v;
    char *zCond = zArrow ? map_dup(zVal, (size_t)(zArrow - zVal)) : 0;
    int ok = zCond && imp_map_band(zCond, &op, &v);
    sqlite3_free(zCond);
    if (!ok) MAP_FAIL("write band.%s = < 50 => text to load (<, <=, > or >= and a number), not '%s'", zCol, zVal);
  }
  if (strcmp(zSetting, "first") == 0 && strlen(zVal) != 1) {
    MAP_FAIL("first.%s = ; takes the first item of a list separated by one character, not '%s'", zCol, zVal);
  }
  if ((strcmp(zSetting, "column") == 0 || (strcmp(zSetting, "parent") == 0 && strchr(zCol, '.'))) &&
      !map_sources_ok(zVal)) {
    MAP_FAIL("%s.%s = a column of the file, or several as A | B (the first not empty), A + B (joined by a space) or 'text'; not '%s'", zSetting,
             zCol, zVal);
  }
  if (strcmp(zSetting, "parent") == 0 && strchr(zCol, '.') == 0 && sqlite3_stricmp(zVal, "yes")) {
    MAP_FAIL("parent.%s = yes, or parent.%s.COLUMN = its source, not '%s'", zCol, zCol, zVal);
  }
  if (strcmp(zSetting, "when") == 0) {
    int isNot;
    const char *zIs = zArrow ? imp_map_is(zVal, &isNot) : 0;
    if (zIs == 0 || zIs >= zArrow || zIs == zVal || !map_sources_ok(zArrow + 2)) {
      MAP_FAIL("write when.%s = COLUMN is a, b => source (or is not ...; the source as in column.%s), not '%s'", zCol,
               zCol, zVal);
    }
  }
  if ((strcmp(zSetting, "match") == 0 || strcmp(zSetting, "match_any") == 0 || strcmp(zSetting, "times") == 0 ||
       strcmp(zSetting, "per") == 0 || strcmp(zSetting, "values") == 0 || strcmp(zSetting, "footer") == 0 ||
       strcmp(zSetting, "skip") == 0 || strcmp(zSetting, "table") == 0 || strcmp(zSetting, "refuse") == 0 ||
       strcmp(zSetting, "layout") == 0 ||
       strcmp(zSetting, "id_prefix") == 0 || strcmp(zSetting, "prefix") == 0) &&
      zVal[0] == 0) {
    MAP_FAIL("%s%s%s needs a value", zSetting, zCol ? "." : "", zCol ? zCol : "");
  }
#undef MAP_FAIL
  return 1;
}

/* Parse one .map file's text into rows.  Sections: [file.csv] (settings
** for that file), [name] with match = ... (a layout, found by header), and
** [values name] (a list of synonyms: text => text, used by values.COLUMN). */
static int map_parse(sqlite3_vtab *pVtab, MapCursor *c, const char *zMapFile, const char *z, size_t n) {
  size_t i = 0;
  int line = 0, isList = 0, iFirst = c->nRow;
  char *zSection = 0;
  int rc = SQLITE_OK;
  while (i < n && rc == SQLITE_OK) {
    size_t e = i, k;
    const char *zLine;
    size_t nLine;
    while (e < n && z[e] != '\n') e++;
    line++;
    zLine = z + i;
    nLine = e - i;
    i = e + 1;
    while (nLine > 0 && (zLine[0] == ' ' || zLine[0] == '\t')) zLine++, nLine--;
    while (nLine > 0 && (zLine[nLine - 1] == '\r' || zLine[nLine - 1] == ' ' || zLine[nLine - 1] == '\t')) nLine--;
    if (nLine == 0 || zLine[0] == '#' || zLine[0] == ';') continue;
    if (zLine[0] == '[') {
      if (zLine[nLine - 1] != ']' || nLine < 3) {
        map_error(pVtab, "revops_mapping(): %s line %d: a section is [file name.csv], [name] or [values name]",
                  zMapFile, line);
        rc = SQLITE_ERROR;
        break;
      }
      sqlite3_free(zSection);
      zSection = map_dup(zLine + 1, nLine - 2);
      if (zSection == 0) rc = SQLITE_NOMEM;
      isList = zSection && sqlite3_strnicmp(zSection, "values ", 7) == 0;
      continue;
    }
    if (isList) {
      /* a list of synonyms: text => text */
      const char *zArrow = 0;
      for (k = 0; k + 1 < nLine; k++) {
        if (zLine[k] == '=' && zLine[k + 1] == '>') {
          zArrow = zLine + k;
          break;
        }
      }
      if (zArrow == 0 || zArrow == zLine) {
        map_error(pVtab, "revops_mapping(): %s line %d: a line of [%s] is text in the file => text to load", zMapFile,
                  line, zSection);
        rc = SQLITE_ERROR;
        break;
      }
      {
        char *zA = map_dup(zLine, (size_t)(zArrow - zLine));
        char *zB = map_dup(zArrow + 2, nLine - (size_t)(zArrow + 2 - zLine));
        if (zA == 0 || zB == 0) {
          sqlite3_free(zA);
          sqlite3_free(zB);
          rc = SQLITE_NOMEM;
          break;
        }
        rc = map_push(c, zMapFile, zSection, line, sqlite3_mprintf("value"), 0, zA, zB);
      }
      continue;
    }
    for (k = 0; k < nLine && zLine[k] != '='; k++) {
    }
    if (k == nLine || zSection == 0) {
      map_error(pVtab, zSection ? "revops_mapping(): %s line %d: expected setting = value (settings: %s)"
                                : "revops_mapping(): %s line %d: a setting before the first [file.csv] section",
                zMapFile, line, zAllowed);
      rc = SQLITE_ERROR;
      break;
    }
    {
      char *zKey = map_dup(zLine, k), *zVal = map_dup(zLine + k + 1, nLine - k - 1);
      char *zSetting = 0, *zCol = 0, *zSrc = 0, *zDst = 0;
      const char *zDot;
      if (zKey == 0 || zVal == 0) {
        sqlite3_free(zKey);
        sqlite3_free(zVal);
        rc = SQLITE_NOMEM;
        break;
      }
      for (k = 0; zKey[k]; k++) {
        if (zKey[k] >= 'A' && zKey[k] <= 'Z') zKey[k] = (char)(zKey[k] - 'A' + 'a');
      }
      zDot = strchr(zKey, '.');
      zSetting = zDot ? sqlite3_mprintf("%.*s", (int)(zDot - zKey), zKey) : sqlite3_mprintf("%s", zKey);
      if (zDot) zCol = sqlite3_mprintf("%s", zDot + 1);
      if (zSetting == 0 || (zDot && zCol == 0)) {
        rc = SQLITE_NOMEM;
      } else if (zDot ? (zCol[0] == 0 || !map_known(azDotted, zSetting) ||
                         (strchr(zCol, '.') && strcmp(zSetting, "parent") != 0))
                      : !map_known(azPlain, zSetting)) {
        map_error(pVtab, "revops_mapping(): %s line %d: unknown setting '%s' (settings: %s)", zMapFile, line, zKey,
                  zAllowed);
        rc = SQLITE_ERROR;
      } else if (!map_check(pVtab, zMapFile, line, zSetting, zCol, zVal)) {
        rc = SQLITE_ERROR;
      } else if (strcmp(zSetting, "value") == 0 || strcmp(zSetting, "contains") == 0 ||
                 strcmp(zSetting, "band") == 0 || strcmp(zSetting, "when") == 0) {
        char *zArrow = strstr(zVal, "=>");
        zSrc = map_dup(zVal, (size_t)(zArrow - zVal));
        zDst = map_dup(zArrow + 2, strlen(zArrow + 2));
        if (zSrc == 0 || zDst == 0) rc = SQLITE_NOMEM;
      } else if (strcmp(zSetting, "column") == 0 || strcmp(zSetting, "skip") == 0 || strcmp(zSetting, "match") == 0 ||
                 strcmp(zSetting, "match_any") == 0 || strcmp(zSetting, "refuse") == 0 ||
                 strcmp(zSetting, "id_prefix") == 0 || strcmp(zSetting, "times") == 0 ||
                 strcmp(zSetting, "per") == 0 || strcmp(zSetting, "footer") == 0 || strcmp(zSetting, "parent") == 0) {
        zSrc = sqlite3_mprintf("%s", zVal);
        if (zSrc == 0) rc = SQLITE_NOMEM;
      } else {
        zDst = sqlite3_mprintf("%s", zVal);
        if (zDst == 0) rc = SQLITE_NOMEM;
      }
      sqlite3_free(zKey);
      sqlite3_free(zVal);
      if (rc != SQLITE_OK) {
        sqlite3_free(zSetting);
        sqlite3_free(zCol);
        sqlite3_free(zSrc);
        sqlite3_free(zDst);
        break;
      }
      rc = map_push(c, zMapFile, zSection, line, zSetting, zCol, zSrc, zDst);
    }
  }
  sqlite3_free(zSection);
  if (rc == SQLITE_OK) rc = map_check_once(pVtab, c, iFirst, zMapFile);
  return rc;
}

static int mapFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  MapCursor *c = (MapCursor *)cur;
  sqlite3_vtab *pVtab = cur->pVtab;
  const char *zDir;
  ImpDirEntry *a = 0;
  int n = 0, i, rc = SQLITE_OK;
  char zErr[IMP_MAX_PATH + 200];
  (void)idxStr;
  map_rows_free(c);
  if (idxNum == 0 || argc < 1 || sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
    map_error(pVtab, "revops_mapping(): the directory is required, as text: SELECT * FROM revops_mapping('exports')");
    return SQLITE_ERROR;
  }
  zDir = (const char *)sqlite3_value_text(argv[0]);
  if (zDir == 0) return SQLITE_NOMEM;
  if (strlen(zDir) > IMP_MAX_PATH) {
    map_error(pVtab, "revops_mapping(): the directory is longer than %d bytes", IMP_MAX_PATH);
    return SQLITE_ERROR;
  }
  zErr[0] = 0;
  if (imp_dir_list(zDir, &a, &n, zErr, sizeof(zErr)) != 0) {
    map_error(pVtab, "revops_mapping(): %s", zErr);
    return SQLITE_ERROR;
  }
  for (i = 0; i < n && rc == SQLITE_OK; i++) {
    size_t len = strlen(a[i].zName);
    char *zPath, *zText;
    ImpFile *f;
    size_t got = 0;
    if (len < 5 || sqlite3_stricmp(a[i].zName + len - 4, ".map") != 0 || a[i].zName[0] == '.') continue;
    if (a[i].size > MAP_MAX_BYTES) {
      map_error(pVtab, "revops_mapping(): %s is larger than %d bytes", a[i].zName, MAP_MAX_BYTES);
      rc = SQLITE_ERROR;
      break;
    }
    zPath = sqlite3_mprintf("%s/%s", zDir, a[i].zName);
    if (zPath == 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    zErr[0] = 0;
    f = imp_file_open(zPath, zErr, sizeof(zErr));
    sqlite3_free(zPath);
    if (f == 0) {
      map_error(pVtab, "revops_mapping(): %s", zErr[0] ? zErr : "out of memory");
      rc = SQLITE_ERROR;
      break;
    }
    zText = sqlite3_malloc64(MAP_MAX_BYTES + 1);
    if (zText == 0) {
      imp_file_close(f);
      rc = SQLITE_NOMEM;
      break;
    }
    for (;;) {
      long long k = imp_file_read(f, zText + got, MAP_MAX_BYTES + 1 - got);
      if (k <= 0) {
        if (k < 0) {
          map_error(pVtab, "revops_mapping(): %s: read error", a[i].zName);
          rc = SQLITE_ERROR;
        }
        break;
      }
      got += (size_t)k;
      if (got > MAP_MAX_BYTES) {
        map_error(pVtab, "revops_mapping(): %s is larger than %d bytes", a[i].zName, MAP_MAX_BYTES);
        rc = SQLITE_ERROR;
        break;
      }
    }
    imp_file_close(f);
    if (rc == SQLITE_OK) rc = map_parse(pVtab, c, a[i].zName, zText, got);
    sqlite3_free(zText);
  }
  imp_dir_free(a, n);
  return rc;
}

/* revops_presets: the shipped presets (sql/import/presets/, compiled
** in by tools/gen_presets.sh), parsed by the same code as a user's. */
static int presetBestIndex(sqlite3_vtab *tab, sqlite3_index_info *pInfo) {
  (void)tab;
  pInfo->estimatedCost = 1000;
  return SQLITE_OK;
}

static int presetFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  MapCursor *c = (MapCursor *)cur;
  size_t i;
  int rc = SQLITE_OK;
  (void)idxNum, (void)idxStr, (void)argc, (void)argv;
  map_rows_free(c);
  for (i = 0; i < sizeof(aImpPreset) / sizeof(aImpPreset[0]) && rc == SQLITE_OK; i++) {
    rc = map_parse(cur->pVtab, c, aImpPreset[i].zName, aImpPreset[i].zText, strlen(aImpPreset[i].zText));
  }
  return rc;
}

static int mapNext(sqlite3_vtab_cursor *cur) {
  ((MapCursor *)cur)->iRow++;
  return SQLITE_OK;
}

static int mapEof(sqlite3_vtab_cursor *cur) {
  MapCursor *c = (MapCursor *)cur;
  return c->iRow >= c->nRow;
}

static int mapColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  MapCursor *c = (MapCursor *)cur;
  MapRow *r = &c->aRow[c->iRow];
  const char *z = 0;
  switch (i) {
    case 0: z = r->zMapFile; break;
    case 1: sqlite3_result_int(ctx, r->line); return SQLITE_OK;
    case 2: z = r->zFile; break;
    case 3: z = r->zSetting; break;
    case 4: z = r->zCol; break;
    case 5: z = r->zSrc; break;
    case 6: z = r->zDst; break;
    default: break;
  }
  if (z) sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
  return SQLITE_OK;
}

static int mapRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid) {
  *pRowid = ((MapCursor *)cur)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module mapModule = {
    .iVersion = 0,
    .xConnect = mapConnect,
    .xBestIndex = mapBestIndex,
    .xDisconnect = imp_vtab_disconnect,
    .xOpen = mapOpen,
    .xClose = mapClose,
    .xFilter = mapFilter,
    .xNext = mapNext,
    .xEof = mapEof,
    .xColumn = mapColumn,
    .xRowid = mapRowid,
};

static sqlite3_module presetModule = {
    .iVersion = 0,
    .xConnect = mapConnect,
    .xBestIndex = presetBestIndex,
    .xDisconnect = imp_vtab_disconnect,
    .xOpen = mapOpen,
    .xClose = mapClose,
    .xFilter = presetFilter,
    .xNext = mapNext,
    .xEof = mapEof,
    .xColumn = mapColumn,
    .xRowid = mapRowid,
};

int imp_register_mapping(sqlite3 *db) {
  int rc = sqlite3_create_module(db, "revops_mapping", &mapModule, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "revops_presets", &presetModule, 0);
  return rc;
}
