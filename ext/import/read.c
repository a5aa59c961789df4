/*
** read.c — reading: one CSV file's records into rows for the loader
** (loader.h), for the file's own table or, in a derived pass, for the
** parent rows its mapping names.
**
** The file is opened through files.c (regular files only) and parsed by
** ext/core/csv.c.  A header with an unnamed or repeated column makes every
** row a reject; a record with the wrong number of fields is one; the rows
** of a report's footer (footer = TEXT) and the rows skip = names are
** counted, not loaded; rows = stage_changes holds an opportunity history's
** rows and makes one stage entry per change; a file whose dates are not
** ISO is read once more for the date order its values decide.
**
** Owns: the record loop, the header checks, footers, skipped rows, held
** stage histories, the date order a file's values decide.
** Must not: convert or check a value, look a parent up or write a table:
** each record becomes an ImpRow handed to imp_row (row.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* A whole number from a text, for key.X = hash F: FNV-1a (64 bits) cut
** to 53 bits, so that it stays exact as a double (JSON, JavaScript). */
static sqlite3_int64 imp_key_hash(const char *z, size_t n) {
  uint64_t h = 14695981039346656037ull;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 1099511628211ull;
  return (sqlite3_int64)(h & ((1ull << 53) - 1));
}

/* ------------------------------------------------------------ sources */

typedef struct ImpReader {
  Imp *p;
  ImpFile *pFile;
  unsigned nRead;
  int interrupted;
} ImpReader;

static long long imp_read_cb(void *pArg, char *zBuf, size_t n) {
  ImpReader *rd = (ImpReader *)pArg;
  if ((++rd->nRead & 15) == 0 && imp_ping(&rd->p->ping)) {
    rd->interrupted = 1;
    return -1;
  }
  return imp_file_read(rd->pFile, zBuf, n);
}

/* Open a canonical file's reader; SQLITE_OK with *ppCsv, or an error. */
static int imp_open_csv(Imp *p, ImpFileInfo *f, ImpReader *rd, RevopsCsv **ppCsv) {
  char zErr[IMP_MAX_PATH + 200];
  zErr[0] = 0;
  memset(rd, 0, sizeof(*rd));
  rd->p = p;
  rd->pFile = imp_file_open(f->zPath, zErr, sizeof(zErr));
  if (rd->pFile == 0) {
    if (zErr[0] == 0) return SQLITE_NOMEM;
    imp_fail(p, "revops_import(): %s", zErr);
    return SQLITE_ERROR;
  }
  *ppCsv = revops_csv_new(imp_read_cb, rd);
  if (*ppCsv == 0) {
    imp_file_close(rd->pFile);
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

static int imp_csv_fatal(Imp *p, ImpFileInfo *f, RevopsCsv *pCsv, ImpReader *rd) {
  const char *zWhy = revops_csv_fatal(pCsv);
  if (rd->interrupted) return SQLITE_INTERRUPT;
  if (revops_csv_nomem(pCsv)) return SQLITE_NOMEM;
  imp_fail(p, "revops_import(): %s: %s after line %lld", f->zFile, zWhy ? zWhy : "read error",
           (long long)revops_csv_line(pCsv));
  return SQLITE_ERROR;
}

/* ----------------------------------------------------------- date order */

/* The date order a file's own values decide: read its date fields once,
** looking for a value only one order can read (13/02 or 02/13).  Both
** kinds found: no order (ambiguous values are rejected and the reason asks
** for a declared order). */
static int imp_detect_order(ImpLoad *L, ImpFileInfo *f, const int *aField, int nField) {
  ImpReader rd;
  RevopsCsv *pCsv = 0;
  int rc = imp_open_csv(L->p, f, &rd, &pCsv), found = 0, i, step;
  if (rc != SQLITE_OK) return rc;
  step = revops_csv_next(pCsv); /* the header */
  while (step == 1 && (step = revops_csv_next(pCsv)) == 1) {
    for (i = 0; i < nField; i++) {
      size_t n;
      const char *z;
      int e;
      if (aField[i] >= revops_csv_nfield(pCsv)) continue;
      z = revops_csv_field(pCsv, aField[i], &n);
      imp_trim(&z, &n);
      e = imp_date_evidence(z, n);
      if (e) found |= 1 << e;
    }
  }
  if (step < 0) rc = imp_csv_fatal(L->p, f, pCsv, &rd);
  revops_csv_free(pCsv);
  imp_file_close(rd.pFile);
  if (found == (1 << IMP_ORDER_MDY)) f->eOrder = IMP_ORDER_MDY;
  else if (found == (1 << IMP_ORDER_DMY)) f->eOrder = IMP_ORDER_DMY;
  return rc;
}

/* Does this record have a non-ISO date in a date field? */
static int imp_needs_order(RevopsCsv *pCsv, const int *aField, int nField) {
  int i;
  for (i = 0; i < nField; i++) {
    size_t n;
    const char *z;
    if (aField[i] >= revops_csv_nfield(pCsv)) continue;
    z = revops_csv_field(pCsv, aField[i], &n);
    imp_trim(&z, &n);
    if (n >= 6 && n <= 40 && !(n >= 5 && z[4] == '-') && (memchr(z, '/', n) || memchr(z, '.', n) || memchr(z, '-', n))) {
      return 1;
    }
  }
  return 0;
}

/* ----------------------------------------------- rows that are not data */

/* Does the row's text start with z (after an opening quote)? */
static int imp_starts(const char *zRow, size_t n, const char *z, int anyCase) {
  size_t len = strlen(z);
  if (n > 0 && zRow[0] == '"') zRow++, n--;
  return len > 0 && len <= n && (anyCase ? sqlite3_strnicmp(zRow, z, (int)len) == 0 : memcmp(zRow, z, len) == 0);
}

/* skip = TEXT of a mapping: a row whose text starts with TEXT (after an
** opening quote) is not data, such as a report's total. */
static int imp_skip_row(const ImpFileInfo *f, const char *z, size_t n) {
  int k;
  for (k = 0; k < f->nSet; k++) {
    const ImpSetting *m = &f->aSet[k];
    if (strcmp(m->zSetting, "skip") == 0 && m->zSrc && imp_starts(z, n, m->zSrc, 0)) return 1;
  }
  return 0;
}

/* One-field rows that may be a report's footer (footer = TEXT): held
** until the end of the file or the next row of data. */
#define IMP_MAX_PENDING 1000
typedef struct ImpPending {
  sqlite3_int64 line;
  char *zRaw, *zErr;
  size_t nRaw;
  int rawValid;
} ImpPending;

/* Rows held by rows = stage_changes: at most this many per file, and this
** many bytes of their text. */
#define IMP_MAX_HELD 1000000
#define IMP_MAX_HELD_BYTES ((size_t)256 << 20)

/* Pending one-field rows that were not a footer: the rows they are. */
static int imp_flush_pending(ImpLoad *L, int iFile, ImpPending *a, int *pn, int nHead) {
  int i, rc = SQLITE_OK;
  for (i = 0; i < *pn; i++) {
    ImpRow r;
    char *zWhy = 0;
    if (rc == SQLITE_OK) {
      memset(&r, 0, sizeof(r));
      r.iFile = iFile, r.line = a[i].line, r.zRaw = a[i].zRaw, r.nRaw = a[i].nRaw, r.rawValid = a[i].rawValid;
      zWhy = a[i].zErr ? sqlite3_mprintf("malformed CSV: %s", a[i].zErr)
                       : sqlite3_mprintf("has 1 fields, the header has %d", nHead);
      if (zWhy == 0) rc = SQLITE_NOMEM;
      else {
        r.zErr = zWhy;
        rc = imp_row(L, &r, 0);
      }
      sqlite3_free(zWhy);
    }
    sqlite3_free(a[i].zRaw);
    sqlite3_free(a[i].zErr);
  }
  *pn = 0;
  return rc;
}

/* ------------------------------------------------- rows = stage_changes */

typedef struct ImpOrderKey {
  const char *zKey;
  size_t nKey;
  int64_t ms;
  sqlite3_int64 line;
  int idx;
} ImpOrderKey;

static int imp_order_cmp(const void *pa, const void *pb) {
  const ImpOrderKey *a = pa, *b = pb;
  size_t n = a->nKey < b->nKey ? a->nKey : b->nKey;
  int c = memcmp(a->zKey, b->zKey, n);
  if (c) return c;
  if (a->nKey != b->nKey) return a->nKey < b->nKey ? -1 : 1;
  if (a->ms != b->ms) return a->ms < b->ms ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* rows = stage_changes: the held rows of an opportunity's history, in
** time order, become one stage-history row per change of stage, exited
** when the next change entered; rows that change no stage are counted. */
static int imp_stage_changes(ImpLoad *L, int iFile, ImpDeferred *aHeld, int nHeld, const ImpColMap *aMap) {
  ImpTable *t = L->t;
  ImpFileInfo *f = &L->p->aFile[iFile];
  int iOpp = -1, iStage = -1, iIn = -1, iOut = -1, i, rc = SQLITE_OK;
  ImpOrderKey *aKey;
  unsigned char *aKeep;
  const char **azRow;
  size_t *anRow;
  for (i = 0; i < t->nCol; i++) {
    if (!strcmp(t->aCol[i].zName, "opportunity_id")) iOpp = i;
    if (!strcmp(t->aCol[i].zName, "stage")) iStage = i;
    if (!strcmp(t->aCol[i].zName, "entered_date")) iIn = i;
    if (!strcmp(t->aCol[i].zName, "exited_date")) iOut = i;
  }
  if (nHeld == 0) return SQLITE_OK;
  if (iOpp < 0 || iStage < 0 || iIn < 0) {
    imp_fail(L->p, "revops_import(): %s: rows = stage_changes needs a table with opportunity_id, stage and"
             " entered_date (such as opportunity_stage_history), not %s", f->zFile, t->zName);
    return SQLITE_ERROR;
  }
  aKey = sqlite3_malloc64(sizeof(ImpOrderKey) * (sqlite3_uint64)nHeld);
  aKeep = sqlite3_malloc64((sqlite3_uint64)nHeld);
  azRow = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)t->nCol);
  anRow = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)t->nCol);
  if (aKey == 0 || aKeep == 0 || azRow == 0 || anRow == 0) {
    sqlite3_free(aKey);
    sqlite3_free(aKeep);
    sqlite3_free(azRow);
    sqlite3_free(anRow);
    return SQLITE_NOMEM;
  }
  for (i = 0; i < nHeld; i++) {
    const char *z = aHeld[i].az[iOpp] ? aHeld[i].az[iOpp] : "";
    size_t n = aHeld[i].az[iOpp] ? aHeld[i].an[iOpp] : 0;
    int why;
    imp_trim(&z, &n);
    aKey[i].zKey = z, aKey[i].nKey = n, aKey[i].line = aHeld[i].line, aKey[i].idx = i;
    z = aHeld[i].az[iIn] ? aHeld[i].az[iIn] : "";
    n = aHeld[i].az[iIn] ? aHeld[i].an[iIn] : 0;
    imp_trim(&z, &n);
    if (!imp_parse_date(z, n, f->eOrder, &aKey[i].ms, &why)) aKey[i].ms = INT64_MAX;
  }
  qsort(aKey, (size_t)nHeld, sizeof(ImpOrderKey), imp_order_cmp);
  /* a row is kept when it starts its opportunity or changes the stage */
  for (i = 0; i < nHeld; i++) {
    ImpDeferred *d = &aHeld[aKey[i].idx];
    aKeep[i] = 1;
    if (i > 0 && aKey[i].nKey == aKey[i - 1].nKey && memcmp(aKey[i].zKey, aKey[i - 1].zKey, aKey[i].nKey) == 0) {
      ImpDeferred *q = &aHeld[aKey[i - 1].idx];
      const char *a = d->az[iStage] ? d->az[iStage] : "", *b = q->az[iStage] ? q->az[iStage] : "";
      size_t na = d->az[iStage] ? d->an[iStage] : 0, nb = q->az[iStage] ? q->an[iStage] : 0;
      const char *sa, *sb;
      imp_trim(&a, &na);
      imp_trim(&b, &nb);
      if ((sa = imp_synonym(t->zName, "stage", a, na)) != 0) a = sa, na = strlen(sa);
      if ((sb = imp_synonym(t->zName, "stage", b, nb)) != 0) b = sb, nb = strlen(sb);
      aKeep[i] = !(na == nb && sqlite3_strnicmp(a, b, (int)na) == 0);
    }
  }
  for (i = 0; i < nHeld && rc == SQLITE_OK; i++) {
    ImpDeferred *d = &aHeld[aKey[i].idx];
    ImpRow r;
    int j;
    if (!aKeep[i]) {
      f->nNoChange++;
      continue;
    }
    imp_deferred_row(L, d, aMap, &r);
    for (j = 0; j < t->nCol; j++) azRow[j] = d->az[j], anRow[j] = d->an[j];
    r.az = azRow, r.an = anRow;
    if (iOut >= 0 && d->az[iOut] == 0) {
      /* exited when the next change of the same opportunity entered */
      for (j = i + 1; j < nHeld; j++) {
        if (aKey[j].nKey != aKey[i].nKey || memcmp(aKey[j].zKey, aKey[i].zKey, aKey[i].nKey) != 0) break;
        if (aKeep[j]) {
          ImpDeferred *q = &aHeld[aKey[j].idx];
          azRow[iOut] = q->az[iIn];
          anRow[iOut] = q->an[iIn];
          break;
        }
      }
    }
    rc = imp_row(L, &r, 0);
  }
  sqlite3_free(aKey);
  sqlite3_free(aKeep);
  sqlite3_free(azRow);
  sqlite3_free(anRow);
  return rc;
}

/* ------------------------------------------------------ the record loop */

/* Read one file: its rows into its table, or (pass->derived) the parent
** rows of one foreign key into the table being loaded. */
int imp_load_csv(ImpLoad *L, int iFile, ImpPass *pass) {
  Imp *p = L->p;
  ImpFileInfo *f = &p->aFile[iFile];
  ImpTable *t = L->t, *ct = pass->derived ? &p->schema.aTable[pass->iChild] : t;
  ImpReader rd;
  RevopsCsv *pCsv = 0;
  int rc, step, i, j, nHead = 0, orderChecked = 0, nDate = 0, hasLookup = 0;
  int *aMap = 0, *aDate = 0;
  const char **az = 0, **paz = 0;
  size_t *an = 0, *pan = 0;
  char *zHeadErr = 0;
  ImpColMap *aColMap = 0;
  ImpDerive derive;
  char (*aKey)[96] = 0;
  char (*aNum)[40] = 0;
  RevopsBuf *aJoin = 0;     /* per column (the file's table's, then the parent's): joined fields */
  ImpArena arena;
  RevopsBuf mapErr;
  ImpPending *aPend = 0;
  int nPend = 0;
  ImpDeferred *aHeld = 0;
  int nHeld = 0, nHeldAlloc = 0;
  size_t nHeldBytes = 0;
  int hold = !pass->derived && f->stageChanges;
  int footer = !pass->derived && f->zFooter != 0;
  size_t nStem = strlen(f->zFile) > 4 ? strlen(f->zFile) - 4 : strlen(f->zFile);
  memset(&arena, 0, sizeof(arena));
  memset(&derive, 0, sizeof(derive));
  revops_buf_init(&mapErr);
  rc = imp_open_csv(p, f, &rd, &pCsv);
  if (rc != SQLITE_OK) return rc;
  aMap = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)ct->nCol);
  az = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)ct->nCol);
  an = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)ct->nCol);
  paz = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)t->nCol);
  pan = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)t->nCol);
  aKey = sqlite3_malloc64(sizeof(*aKey) * (sqlite3_uint64)ct->nCol);
  aNum = sqlite3_malloc64(sizeof(*aNum) * (sqlite3_uint64)ct->nCol);
  aJoin = sqlite3_malloc64(sizeof(RevopsBuf) * (sqlite3_uint64)(ct->nCol + t->nCol));
  if (aJoin) {
    for (i = 0; i < ct->nCol + t->nCol; i++) revops_buf_init(&aJoin[i]);
  }
  if (aMap == 0 || az == 0 || an == 0 || paz == 0 || pan == 0 || aKey == 0 || aNum == 0 || aJoin == 0) {
    rc = SQLITE_NOMEM;
    goto done;
  }
  step = revops_csv_next(pCsv);
  if (step < 0) {
    rc = imp_csv_fatal(p, f, pCsv, &rd);
    goto done;
  }
  if (step == 0) goto done; /* an empty file: import.sql reports it */
  nHead = revops_csv_nfield(pCsv);
  for (i = 0; i < ct->nCol; i++) aMap[i] = imp_field_of(pCsv, nHead, ct->aCol[i].zName, strlen(ct->aCol[i].zName));
  if (f->nSet) {
    /* the file's mapping, column by column (canonical files: none) */
    rc = imp_colmap_build(p, f, ct, pCsv, nHead, &arena, &aColMap);
    if (rc != SQLITE_OK) goto done;
  }
  for (i = 0; aColMap && i < ct->nCol; i++) hasLookup |= aColMap[i].iLookupFk >= 0;
  if (pass->derived) {
    derive.az = paz, derive.an = pan, derive.aJoin = aJoin + ct->nCol;
    rc = imp_derive_begin(L, f, pass, pCsv, nHead, &arena, &derive);
    if (rc != SQLITE_OK || derive.iKey < 0) goto done;
  } else {
    rc = imp_date_fields(t, aColMap, aMap, &arena, &aDate, &nDate);
    if (rc != SQLITE_OK) goto done;
  }
  /* An unnamed or repeated column makes every row ambiguous. */
  if (revops_csv_error(pCsv)) {
    zHeadErr = sqlite3_mprintf("the header is malformed: %s", revops_csv_error(pCsv));
  } else {
    for (i = 0; i < nHead && zHeadErr == 0; i++) {
      size_t n, m;
      const char *z = revops_csv_field(pCsv, i, &n), *y;
      imp_trim(&z, &n);
      if (n == 0) zHeadErr = sqlite3_mprintf("header column %d has no name", i + 1);
      for (j = 0; j < i && zHeadErr == 0; j++) {
        y = revops_csv_field(pCsv, j, &m);
        imp_trim(&y, &m);
        if (m == n && sqlite3_strnicmp(y, z, (int)n) == 0) {
          char *zLow = sqlite3_mprintf("%.*s", (int)n, z);
          int k;
          if (zLow == 0) break;
          for (k = 0; zLow[k]; k++) {
            if (zLow[k] >= 'A' && zLow[k] <= 'Z') zLow[k] = (char)(zLow[k] - 'A' + 'a');
          }
          zHeadErr = sqlite3_mprintf("header column \"%w\" appears twice (columns %d and %d)", zLow, j + 1, i + 1);
          sqlite3_free(zLow);
        }
      }
    }
  }
  if (footer) {
    aPend = sqlite3_malloc64(sizeof(ImpPending) * IMP_MAX_PENDING);
    if (aPend == 0) {
      rc = SQLITE_NOMEM;
      goto done;
    }
  }
  for (;;) {
    ImpRow r;
    int nField;
    step = revops_csv_next(pCsv);
    if (step == 0) break;
    if (step < 0) {
      rc = imp_csv_fatal(p, f, pCsv, &rd);
      break;
    }
    memset(&r, 0, sizeof(r));
    r.iFile = iFile;
    r.line = revops_csv_line(pCsv);
    r.zRaw = revops_csv_raw(pCsv, &r.nRaw);
    r.az = az;
    r.an = an;
    r.aMap = aColMap;
    nField = revops_csv_nfield(pCsv);
    if (f->nSet && imp_skip_row(f, r.zRaw, r.nRaw)) {
      if (!pass->derived) f->nSkipped++;
      continue;
    }
    r.rawValid = revops_csv_error(pCsv) == 0 || (revops_csv_utf8_valid(r.zRaw, r.nRaw) && !memchr(r.zRaw, 0, r.nRaw));
    if (footer && nHead > 1) {
      if (nField == 1) {
        ImpPending *q;
        if (nPend == IMP_MAX_PENDING) {
          rc = imp_flush_pending(L, iFile, aPend, &nPend, nHead);
          if (rc != SQLITE_OK) break;
        }
        q = &aPend[nPend++];
        memset(q, 0, sizeof(*q));
        q->line = r.line, q->rawValid = r.rawValid, q->nRaw = r.nRaw;
        q->zRaw = sqlite3_malloc64(r.nRaw + 1);
        if (q->zRaw) memcpy(q->zRaw, r.zRaw, r.nRaw);
        if (revops_csv_error(pCsv)) q->zErr = sqlite3_mprintf("%s", revops_csv_error(pCsv));
        if (q->zRaw == 0 || (revops_csv_error(pCsv) && q->zErr == 0)) {
          rc = SQLITE_NOMEM;
          break;
        }
        continue;
      }
      if (nPend) {
        /* data after them: they were not a footer */
        rc = imp_flush_pending(L, iFile, aPend, &nPend, nHead);
        if (rc != SQLITE_OK) break;
      }
    }
    {
      char *zWhy = 0;
      if (revops_csv_error(pCsv)) zWhy = sqlite3_mprintf("malformed CSV: %s", revops_csv_error(pCsv));
      else if (zHeadErr) zWhy = sqlite3_mprintf("%s", zHeadErr);
      else if (nField != nHead) zWhy = sqlite3_mprintf("has %d fields, the header has %d", nField, nHead);
      if (zWhy || (pass->derived && zHeadErr)) {
        /* parent rows come from rows that read; the row itself is
        ** rejected when its own table loads */
        if (!pass->derived) {
          r.zErr = zWhy;
          r.az = 0;
          rc = zWhy ? imp_row(L, &r, 0) : SQLITE_NOMEM;
        }
        sqlite3_free(zWhy);
        if (rc != SQLITE_OK) break;
        continue;
      }
    }
    mapErr.n = 0;
    for (i = 0; i < ct->nCol; i++) {
      if (aColMap == 0) {
        if (aMap[i] < 0) az[i] = 0, an[i] = 0;
        else az[i] = revops_csv_field(pCsv, aMap[i], &an[i]);
      } else if (aColMap[i].keyLine) {
        /* key.X = line: the file's stem and the line, stable across
        ** re-imports; a whole-number column (line_no) takes the line */
        if (ct->aCol[i].kind == IMP_K_INT) snprintf(aKey[i], sizeof(aKey[i]), "%lld", (long long)r.line);
        else snprintf(aKey[i], sizeof(aKey[i]), "%.*s-%lld", (int)(nStem > 60 ? 60 : nStem), f->zFile, (long long)r.line);
        az[i] = aKey[i], an[i] = strlen(aKey[i]);
      } else if (aColMap[i].keyHash) {
        /* key.X = hash F: a whole number made from F's text (53 bits of
        ** FNV-1a: the same text, the same key, whatever the file's order) */
        az[i] = 0, an[i] = 0;
        if (aColMap[i].iHash >= 0 && aColMap[i].iHash < nField) {
          size_t nh;
          const char *zh = revops_csv_field(pCsv, aColMap[i].iHash, &nh);
          imp_trim(&zh, &nh);
          az[i] = "", an[i] = 0;
          if (nh) {
            snprintf(aKey[i], sizeof(aKey[i]), "%lld", (long long)imp_key_hash(zh, nh));
            az[i] = aKey[i], an[i] = strlen(aKey[i]);
          }
        }
      } else {
        imp_colmap_eval(ct, i, &aColMap[i], pCsv, aNum[i], &aJoin[i], &az[i], &an[i], &mapErr);
        if (aJoin[i].oom) mapErr.oom = 1;
      }
    }
    if (mapErr.oom) {
      rc = SQLITE_NOMEM;
      break;
    }
    if (aColMap && hasLookup && !pass->derived) {
      rc = imp_lookup_row(L, &r, aJoin);
      if (rc != SQLITE_OK) break;
    }
    if (pass->derived) {
      int load = 0;
      rc = imp_derive_row(L, iFile, pass, &r, pCsv, mapErr.n != 0, &derive, &load);
      if (rc == SQLITE_OK && load) rc = imp_row(L, &r, 0);
      if (rc != SQLITE_OK) break;
      continue;
    }
    if (!orderChecked && f->eOrder == IMP_ORDER_NONE && nDate && imp_needs_order(pCsv, aDate, nDate)) {
      orderChecked = 1;
      rc = imp_detect_order(L, f, aDate, nDate);
      if (rc != SQLITE_OK) break;
    }
    r.eOrder = f->eOrder;
    if (mapErr.n) r.zMapErr = mapErr.z;
    if (hold && r.zMapErr == 0) {
      size_t nBytes = r.nRaw + sizeof(ImpDeferred);
      for (i = 0; i < t->nCol; i++) nBytes += az[i] ? an[i] + 1 : 0;
      if (nHeld == IMP_MAX_HELD || nHeldBytes + nBytes > IMP_MAX_HELD_BYTES) {
        r.zErr = "rows = stage_changes holds at most 1000000 rows or 256 MiB of one file: split the file";
        r.az = 0;
        rc = imp_row(L, &r, 0);
        if (rc != SQLITE_OK) break;
        continue;
      }
      if (nHeld == nHeldAlloc) {
        int nNew = nHeldAlloc ? nHeldAlloc * 2 : 64;
        ImpDeferred *aNew = sqlite3_realloc64(aHeld, sizeof(ImpDeferred) * (sqlite3_uint64)nNew);
        if (aNew == 0) {
          rc = SQLITE_NOMEM;
          break;
        }
        aHeld = aNew, nHeldAlloc = nNew;
      }
      nHeldBytes += nBytes;
      rc = imp_copy_row(&aHeld[nHeld++], &r, t->nCol);
      if (rc != SQLITE_OK) break;
      continue;
    }
    rc = imp_row(L, &r, 0);
    if (rc != SQLITE_OK) break;
  }
  if (rc == SQLITE_OK && nPend) {
    /* At the end of the file: a footer when one of its rows starts with
    ** the footer text, the rows they are otherwise. */
    int isFooter = 0;
    for (i = 0; i < nPend && !isFooter; i++) isFooter = imp_starts(aPend[i].zRaw, aPend[i].nRaw, f->zFooter, 1);
    if (isFooter) {
      f->nFooter += nPend;
      for (i = 0; i < nPend; i++) sqlite3_free(aPend[i].zRaw), sqlite3_free(aPend[i].zErr);
      nPend = 0;
    } else {
      rc = imp_flush_pending(L, iFile, aPend, &nPend, nHead);
    }
  }
  if (rc == SQLITE_OK && hold) rc = imp_stage_changes(L, iFile, aHeld, nHeld, aColMap);
done:
  for (i = 0; i < nPend; i++) sqlite3_free(aPend[i].zRaw), sqlite3_free(aPend[i].zErr);
  sqlite3_free(aPend);
  imp_copies_free(aHeld, nHeld, t->nCol);
  revops_buf_reset(&mapErr);
  for (i = 0; aJoin && i < ct->nCol + t->nCol; i++) revops_buf_reset(&aJoin[i]);
  sqlite3_free(aJoin);
  sqlite3_finalize(derive.pOrder);
  imp_arena_free(&arena);
  sqlite3_free(aKey);
  sqlite3_free(aNum);
  sqlite3_free(zHeadErr);
  sqlite3_free(aMap);
  sqlite3_free(az);
  sqlite3_free(an);
  sqlite3_free(paz);
  sqlite3_free(pan);
  revops_csv_free(pCsv);
  imp_file_close(rd.pFile);
  return rc;
}

