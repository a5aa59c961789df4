/*
** aggregate.c — aggregate = sum: the rows of one file that share the
** table's key become one row, their numbers added up, for the loader
** (loader.h; docs/data.md "Mappings").
**
** An ad-spend export has a row per campaign, day and channel; the table
** (marketing_spend) has one per day, channel, segment and region.  Each
** row is typed and checked alone first (a bad row is rejected alone, with
** its line); a valid one is added into the group of its key: a number
** column without an upper bound (money, counts) is summed, any other
** column must agree across the group and is left empty where it does not
** (several campaigns' spend is no one campaign's; a required column that
** disagrees rejects the group).  The groups are written once every file
** of the table is read, each as one row, so a re-import of the same file
** leaves the table unchanged.  Held in memory: at most IMP_AGG_MAX groups
** and IMP_AGG_MAX_BYTES of their text (docs/data.md "Bounds").
**
** Owns: the groups (ImpAgg), what is summed and what must agree, the
** group's write and its counts.
** Must not: read a file, convert or check a value (check.c did, per row),
** or write except through write.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

#define IMP_AGG_MAX 1000000
#define IMP_AGG_MAX_BYTES ((size_t)256 << 20)

typedef struct ImpAggGroup {
  int iFile, rawValid;
  sqlite3_int64 line, n;    /* the first row's line; rows in the group */
  char *zRaw, *zKey;        /* the first row as written; the key, as text */
  size_t nRaw, nKey;
  ImpVal *aVal;             /* per column: the value (texts point into azText) */
  char **azText;            /* per column: the row's text (NULL: the file has no such column) */
  size_t *anText;
  char **azVal;             /* per column: a text value's own copy */
  unsigned char *aDiffer;   /* per column: the rows disagree */
} ImpAggGroup;

struct ImpAgg {
  ImpAggGroup *a;
  int n, nAlloc;
  int *aSlot;               /* hash of (file, key) -> group + 1, 0 = empty */
  unsigned nSlot;
  size_t nBytes;
};

/* Is column c added up?  A number with no upper bound that is no key. */
static int imp_agg_summed(const ImpCol *c) {
  int k;
  if ((c->kind != IMP_K_INT && c->kind != IMP_K_REAL) || c->pk || c->zFkTable) return 0;
  for (k = 0; k < c->nBound; k++) {
    if (c->aBound[k].op == IMP_OP_LE || c->aBound[k].op == IMP_OP_LT) return 0;
  }
  return 1;
}

static unsigned imp_agg_hash(int iFile, const char *z, size_t n) {
  unsigned h = 2166136261u ^ (unsigned)iFile;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* The row's key as text: each key value, separated by a unit separator. */
static void imp_agg_key(ImpLoad *L, RevopsBuf *b) {
  int k;
  b->n = 0;
  for (k = 0; k < L->t->nPk; k++) {
    const ImpVal *v = &L->aVal[L->t->aPk[k]];
    if (k) revops_buf_append(b, "\x1f", 1);
    if (v->type == SQLITE_TEXT) revops_buf_append(b, v->z, (size_t)v->n);
    else if (v->type == SQLITE_INTEGER) revops_buf_int(b, v->i);
    else if (v->type == SQLITE_FLOAT) imp_num_text(b, v->r);
  }
}

static int imp_val_same(const ImpVal *x, const ImpVal *y) {
  if (x->type != y->type) return 0;
  switch (x->type) {
    case SQLITE_INTEGER: return x->i == y->i;
    case SQLITE_FLOAT: return x->r == y->r;
    case SQLITE_TEXT: return x->n == y->n && memcmp(x->z, y->z, (size_t)x->n) == 0;
    default: return 1;
  }
}

static void imp_agg_group_free(ImpAggGroup *g, int nCol) {
  int i;
  for (i = 0; g->azText && i < nCol; i++) sqlite3_free(g->azText[i]);
  for (i = 0; g->azVal && i < nCol; i++) sqlite3_free(g->azVal[i]);
  sqlite3_free(g->azText);
  sqlite3_free(g->azVal);
  sqlite3_free(g->anText);
  sqlite3_free(g->aVal);
  sqlite3_free(g->aDiffer);
  sqlite3_free(g->zRaw);
  sqlite3_free(g->zKey);
}

void imp_agg_free(ImpLoad *L) {
  int i;
  if (L->pAgg == 0) return;
  for (i = 0; i < L->pAgg->n; i++) imp_agg_group_free(&L->pAgg->a[i], L->t->nCol);
  sqlite3_free(L->pAgg->a);
  sqlite3_free(L->pAgg->aSlot);
  sqlite3_free(L->pAgg);
  L->pAgg = 0;
}

static char *imp_agg_dup(const char *z, size_t n) {
  char *zOut = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if (zOut) {
    if (n) memcpy(zOut, z, n);
    zOut[n] = 0;
  }
  return zOut;
}

/* A new group from the row r (its values in L->aVal). */
static int imp_agg_new(ImpLoad *L, ImpAgg *g, const ImpRow *r, const RevopsBuf *key, int *piGroup) {
  ImpTable *t = L->t;
  ImpAggGroup *p;
  int i;
  if (g->n == g->nAlloc) {
    int nNew = g->nAlloc ? g->nAlloc * 2 : 64;
    ImpAggGroup *aNew = sqlite3_realloc64(g->a, sizeof(ImpAggGroup) * (sqlite3_uint64)nNew);
    if (aNew == 0) return SQLITE_NOMEM;
    g->a = aNew, g->nAlloc = nNew;
  }
  p = &g->a[g->n];
  memset(p, 0, sizeof(*p));
  p->iFile = r->iFile, p->line = r->line, p->rawValid = r->rawValid, p->n = 1;
  p->zKey = imp_agg_dup(key->z ? key->z : "", key->n), p->nKey = key->n;
  p->zRaw = r->zRaw ? imp_agg_dup(r->zRaw, r->nRaw) : 0, p->nRaw = r->nRaw;
  p->aVal = sqlite3_malloc64(sizeof(ImpVal) * (sqlite3_uint64)t->nCol);
  p->azText = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)t->nCol);
  p->azVal = sqlite3_malloc64(sizeof(char *) * (sqlite3_uint64)t->nCol);
  p->anText = sqlite3_malloc64(sizeof(size_t) * (sqlite3_uint64)t->nCol);
  p->aDiffer = sqlite3_malloc64((sqlite3_uint64)t->nCol);
  if (p->azText) memset(p->azText, 0, sizeof(char *) * (size_t)t->nCol);
  if (p->azVal) memset(p->azVal, 0, sizeof(char *) * (size_t)t->nCol);
  g->n++; /* freed with the rest from now on */
  if (p->zKey == 0 || (r->zRaw && p->zRaw == 0) || !p->aVal || !p->azText || !p->azVal || !p->anText || !p->aDiffer) {
    return SQLITE_NOMEM;
  }
  memset(p->aDiffer, 0, (size_t)t->nCol);
  g->nBytes += sizeof(*p) + key->n + r->nRaw + (size_t)t->nCol * (sizeof(ImpVal) + sizeof(char *) + 9);
  for (i = 0; i < t->nCol; i++) {
    p->aVal[i] = L->aVal[i];
    p->anText[i] = 0;
    if (r->az[i]) {
      p->azText[i] = imp_agg_dup(r->az[i], r->an[i]);
      if (p->azText[i] == 0) return SQLITE_NOMEM;
      p->anText[i] = r->an[i];
      g->nBytes += r->an[i];
    }
    if (p->aVal[i].type == SQLITE_TEXT) {
      /* the value, as text of its own (it may be a synonym or a date) */
      char *z = imp_agg_dup(p->aVal[i].z, (size_t)p->aVal[i].n);
      if (z == 0) return SQLITE_NOMEM;
      g->nBytes += (size_t)p->aVal[i].n;
      p->azVal[i] = z;
      p->aVal[i].z = z;
    }
  }
  *piGroup = g->n - 1;
  return SQLITE_OK;
}

/* The hash table: double it when half full. */
static int imp_agg_slots(ImpAgg *g) {
  unsigned nNew, i;
  int *aNew;
  if (g->nSlot && (unsigned)(g->n + 1) * 2 <= g->nSlot) return SQLITE_OK;
  nNew = g->nSlot ? g->nSlot * 2 : 1024;
  aNew = sqlite3_malloc64(sizeof(int) * (sqlite3_uint64)nNew);
  if (aNew == 0) return SQLITE_NOMEM;
  memset(aNew, 0, sizeof(int) * (size_t)nNew);
  for (i = 0; i < (unsigned)g->n; i++) {
    unsigned h = imp_agg_hash(g->a[i].iFile, g->a[i].zKey, g->a[i].nKey) & (nNew - 1);
    while (aNew[h]) h = (h + 1) & (nNew - 1);
    aNew[h] = (int)i + 1;
  }
  sqlite3_free(g->aSlot);
  g->aSlot = aNew, g->nSlot = nNew;
  return SQLITE_OK;
}

/* A valid row (its values in L->aVal) into the group of its key. */
int imp_agg_add(ImpLoad *L, const ImpRow *r) {
  ImpTable *t = L->t;
  ImpAgg *g = L->pAgg;
  RevopsBuf key;
  unsigned h;
  int i, rc, iGroup = -1;
  if (g == 0) {
    g = L->pAgg = sqlite3_malloc64(sizeof(ImpAgg));
    if (g == 0) return SQLITE_NOMEM;
    memset(g, 0, sizeof(*g));
  }
  revops_buf_init(&key);
  imp_agg_key(L, &key);
  if (key.oom || imp_agg_slots(g) != SQLITE_OK) {
    revops_buf_reset(&key);
    return SQLITE_NOMEM;
  }
  h = imp_agg_hash(r->iFile, key.z ? key.z : "", key.n) & (g->nSlot - 1);
  while (g->aSlot[h]) {
    ImpAggGroup *p = &g->a[g->aSlot[h] - 1];
    if (p->iFile == r->iFile && p->nKey == key.n && memcmp(p->zKey, key.z ? key.z : "", key.n) == 0) {
      iGroup = g->aSlot[h] - 1;
      break;
    }
    h = (h + 1) & (g->nSlot - 1);
  }
  if (iGroup < 0) {
    if (g->n >= IMP_AGG_MAX || g->nBytes + r->nRaw + key.n > IMP_AGG_MAX_BYTES) {
      revops_buf_reset(&key);
      return imp_reject(L, r, "aggregate = sum holds at most 1000000 keys or 256 MiB of one table's rows: split the file");
    }
    rc = imp_agg_new(L, g, r, &key, &iGroup);
    revops_buf_reset(&key);
    if (rc == SQLITE_OK) g->aSlot[h] = iGroup + 1;
    return rc;
  }
  revops_buf_reset(&key);
  {
    ImpAggGroup *p = &g->a[iGroup];
    p->n++;
    L->p->aFile[r->iFile].nSummed++;
    for (i = 0; i < t->nCol; i++) {
      ImpVal *v = &p->aVal[i];
      const ImpVal *x = &L->aVal[i];
      if (imp_agg_summed(&t->aCol[i])) {
        if (x->type == SQLITE_NULL) continue;
        if (v->type == SQLITE_NULL) *v = *x;
        else if (v->type == SQLITE_INTEGER && x->type == SQLITE_INTEGER) v->i += x->i, v->r = (double)v->i;
        else {
          v->r = (v->type == SQLITE_INTEGER ? (double)v->i : v->r) + (x->type == SQLITE_INTEGER ? (double)x->i : x->r);
          v->type = SQLITE_FLOAT;
        }
      } else if (!imp_val_same(v, x)) {
        p->aDiffer[i] = 1;
      }
    }
  }
  return SQLITE_OK;
}

/* Every group, one row each, after the table's files: what the first row
** counted is the group's, the others follow it (loaded with it, or
** rejected with it). */
int imp_agg_flush(ImpLoad *L) {
  ImpTable *t = L->t;
  ImpAgg *g = L->pAgg;
  int k, i, rc = SQLITE_OK;
  if (g == 0) return SQLITE_OK;
  for (k = 0; k < g->n && rc == SQLITE_OK; k++) {
    ImpAggGroup *p = &g->a[k];
    ImpCount *cnt = &L->aCount[p->iFile * 2], before = *cnt;
    ImpRow r;
    const char *zBadCol = 0;
    memset(&r, 0, sizeof(r));
    r.iFile = p->iFile, r.line = p->line, r.zRaw = p->zRaw, r.nRaw = p->nRaw, r.rawValid = p->rawValid;
    r.az = (const char **)p->azText, r.an = p->anText, r.eOrder = L->p->aFile[p->iFile].eOrder;
    for (i = 0; i < t->nCol; i++) {
      L->aVal[i] = p->aVal[i];
      if (!p->aDiffer[i]) continue;
      if (t->aCol[i].required && !t->aCol[i].pDflt) zBadCol = t->aCol[i].zName;
      L->aVal[i].type = SQLITE_NULL; /* the rows disagree: no one value is the group's */
    }
    if (zBadCol) {
      char *zWhy = sqlite3_mprintf("%lld rows share this key (aggregate = sum) but not %s, which is required and not"
                                   " a number to add up: this row and the %lld after it are not loaded",
                                   (long long)p->n, zBadCol, (long long)(p->n - 1));
      if (zWhy == 0) return SQLITE_NOMEM;
      rc = imp_reject(L, &r, zWhy);
      sqlite3_free(zWhy);
    } else {
      rc = imp_write(L, &r);
    }
    if (rc != SQLITE_OK || p->n == 1) continue;
    /* the rows added into this one share its fate */
    if (cnt->nIns > before.nIns) cnt->nIns += p->n - 1;
    else if (cnt->nUpd > before.nUpd) cnt->nUpd += p->n - 1;
    else if (cnt->nSame > before.nSame) cnt->nSame += p->n - 1;
    else cnt->nRej += p->n - 1;
  }
  imp_agg_free(L);
  return rc;
}
