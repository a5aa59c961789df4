/*
** parents.c — parents: the foreign keys of the rows being loaded, for the
** loader (loader.h).
**
** A row's foreign keys are looked up in their parent tables (loaded
** before), through a bounded set of keys already found; a key that is not
** there is the row's problem, with the line of the parent row if that was
** rejected.  create_parents = yes makes a missing parent from its key when
** the parent needs nothing else.  A mapping's parent.COLUMN settings
** derive the parent rows of a foreign key from the child file's own
** records, one per key, in two passes (import.c runs them, read.c reads).
**
** Owns: the key sets, parent lookups and the unknown-parent reason,
** create_parents, the parent row a derived pass builds from a record.
** Must not: type, check or write the loaded table's rows, or hand a row on:
** row.c does, and waits for a parent later in the file; the only rows it
** inserts are the parents create_parents makes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* ------------------------------------------------------- foreign keys */

static unsigned imp_hash(const char *z, int n) {
  unsigned h = 2166136261u;
  int i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

/* The slot of key z in the set: where it is, or the empty slot for it. */
static char **imp_set_slot(ImpKeySet *set, const char *z, int n) {
  unsigned i = imp_hash(z, n) & (set->nSlot - 1);
  for (;;) {
    char *k = set->az[i];
    if (k == 0 || (memcmp(k, z, (size_t)n) == 0 && k[n] == 0)) return &set->az[i];
    i = (i + 1) & (set->nSlot - 1);
  }
}

int imp_set_has(ImpKeySet *set, const char *z, int n) {
  return set->nSlot && *imp_set_slot(set, z, n) != 0;
}

void imp_set_add(ImpKeySet *set, const char *z, int n) {
  char **pSlot;
  if (set->full) return;
  if ((set->nUsed + 1) * 2 > set->nSlot) {
    unsigned nNew = set->nSlot ? set->nSlot * 2 : 256, i;
    char **azOld = set->az, **azNew;
    size_t nAlloc = sizeof(char *) * (size_t)nNew;
    if (set->nBytes + nAlloc > IMP_FK_CACHE_BYTES ||
        (azNew = sqlite3_malloc64((sqlite3_uint64)nAlloc)) == 0) {
      set->full = 1;
      return;
    }
    memset(azNew, 0, nAlloc);
    set->nBytes += nAlloc / 2;
    for (i = 0; i < set->nSlot; i++) {
      if (azOld[i]) {
        set->az = azNew;
        set->nSlot = nNew;
        *imp_set_slot(set, azOld[i], (int)strlen(azOld[i])) = azOld[i];
        set->az = azOld;
        set->nSlot = nNew / 2;
      }
    }
    sqlite3_free(azOld);
    set->az = azNew;
    set->nSlot = nNew;
  }
  if (set->nBytes + (size_t)n + 1 > IMP_FK_CACHE_BYTES) {
    set->full = 1;
    return;
  }
  pSlot = imp_set_slot(set, z, n);
  if (*pSlot) return;
  *pSlot = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if (*pSlot == 0) {
    set->full = 1;
    return;
  }
  memcpy(*pSlot, z, (size_t)n);
  (*pSlot)[n] = 0;
  set->nUsed++;
  set->nBytes += (size_t)n + 1 + sizeof(char *);
}

void imp_set_free(ImpKeySet *set) {
  unsigned i;
  for (i = 0; i < set->nSlot; i++) sqlite3_free(set->az[i]);
  sqlite3_free(set->az);
  memset(set, 0, sizeof(*set));
}

/* 1 when the parent row exists. */
int imp_parent_exists(ImpLoad *L, int i, int *pRc) {
  const ImpVal *v = &L->aVal[i];
  sqlite3_stmt *s = L->apFk[i];
  ImpKeySet *set = &L->aFkSet[i];
  int rc;
  *pRc = SQLITE_OK;
  if (v->type == SQLITE_TEXT && memchr(v->z, 0, (size_t)v->n) == 0 && imp_set_has(set, v->z, v->n)) return 1;
  imp_bind_val(s, 1, v);
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc == SQLITE_ROW) {
    if (v->type == SQLITE_TEXT && memchr(v->z, 0, (size_t)v->n) == 0) imp_set_add(set, v->z, v->n);
    return 1;
  }
  if (rc != SQLITE_DONE) *pRc = imp_sql_error(L->p, rc);
  return 0;
}

/* "account_id: unknown 'A9' (no such accounts.account_id)", and where the
** parent row was rejected if it was. */
int imp_unknown_parent(ImpLoad *L, const ImpRow *r, int i) {
  ImpCol *c = &L->t->aCol[i];
  RevopsBuf *b = &L->why;
  sqlite3_stmt *s = L->p->pRejKeySel;
  const ImpVal *v = &L->aVal[i];
  int rc;
  imp_problem_start(b);
  revops_buf_str(b, c->zName);
  revops_buf_lit(b, ": unknown ");
  imp_show(b, r->az[i], r->an[i]);
  revops_buf_lit(b, " (no such ");
  revops_buf_str(b, c->zFkTable);
  revops_buf_append(b, ".", 1);
  revops_buf_str(b, c->zFkCol);
  sqlite3_bind_text(s, 1, c->zFkTable, -1, SQLITE_STATIC);
  imp_bind_val(s, 2, v);
  rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    revops_buf_lit(b, "; that ");
    revops_buf_str(b, c->zFkTable);
    revops_buf_lit(b, " row was rejected: line ");
    revops_buf_int(b, sqlite3_column_int64(s, 1));
    revops_buf_lit(b, " of ");
    revops_buf_str(b, (const char *)sqlite3_column_text(s, 0));
  } else if (rc != SQLITE_DONE) {
    sqlite3_reset(s);
    return imp_sql_error(L->p, rc);
  }
  sqlite3_reset(s);
  revops_buf_append(b, ")", 1);
  L->aBad[i] = 1;
  return SQLITE_OK;
}

/* ------------------------------------------------------- create_parents */

/* What a parent made from its key alone takes for a required enumeration
** that has no default (docs/data.md "create_parents"): the value the
** reference itself says.  A rep named as someone's manager is a Manager,
** as a customer success manager a CSM, as a ticket's agent Support; any
** other rep (a deal's, an account's, an activity's owner) an AE, as the
** shipped presets' parent.owner_rep_id.role = 'AE' say.  "*" is any. */
static const struct {
  const char *zParent, *zParentCol, *zChild, *zChildCol, *zValue;
} aMadeValue[] = {
    {"reps", "role", "*", "manager_id", "Manager"},
    {"reps", "role", "*", "csm_rep_id", "CSM"},
    {"reps", "role", "support_tickets", "agent_id", "Support"},
    {"reps", "role", "*", "*", "AE"},
};

static const char *imp_made_value(const char *zParent, const char *zParentCol, const char *zChild,
                                  const char *zChildCol) {
  size_t k;
  for (k = 0; k < sizeof(aMadeValue) / sizeof(aMadeValue[0]); k++) {
    if (strcmp(aMadeValue[k].zParent, zParent) || strcmp(aMadeValue[k].zParentCol, zParentCol)) continue;
    if (aMadeValue[k].zChild[0] != '*' && strcmp(aMadeValue[k].zChild, zChild)) continue;
    if (aMadeValue[k].zChildCol[0] != '*' && strcmp(aMadeValue[k].zChildCol, zChildCol)) continue;
    return aMadeValue[k].zValue;
  }
  return 0;
}

/* create_parents = yes: a missing parent row made from its key alone,
** when the parent table needs nothing else: its other required columns
** are free text (they take the key too, as accounts.name does) or an
** enumeration the reference decides (aMadeValue). */
int imp_can_create(ImpLoad *L, int i) {
  Imp *p = L->p;
  ImpCol *c = &L->t->aCol[i];
  ImpTable *pt = &p->schema.aTable[c->iFkTable];
  sqlite3_stmt *s = L->apCreate[i];
  int k, rc;
  if (L->aVal[i].type != SQLITE_TEXT) return 0;
  if (s == 0) {
    RevopsBuf cols, qs;
    revops_buf_init(&cols);
    revops_buf_init(&qs);
    for (k = 0; k < pt->nCol; k++) {
      ImpCol *q = &pt->aCol[k];
      char *z, *zVal;
      const char *zMade = 0;
      int isKey = sqlite3_stricmp(q->zName, c->zFkCol) == 0;
      if (!isKey && !q->required) continue;
      if (!isKey && q->kind == IMP_K_TEXT && q->nEnum && !q->zFkTable) {
        zMade = imp_made_value(pt->zName, q->zName, L->t->zName, c->zName);
      }
      if (!isKey && zMade == 0 && (q->kind != IMP_K_TEXT || q->nEnum || q->zFkTable)) {
        revops_buf_reset(&cols);
        revops_buf_reset(&qs);
        return 0; /* cannot be made from a key */
      }
      z = sqlite3_mprintf("%s\"%w\"", cols.n ? ", " : "", q->zName);
      zVal = zMade ? sqlite3_mprintf("%s%Q", qs.n ? ", " : "", zMade) : sqlite3_mprintf("%s?1", qs.n ? ", " : "");
      if (z == 0 || zVal == 0) {
        sqlite3_free(z);
        sqlite3_free(zVal);
        break;
      }
      revops_buf_str(&cols, z);
      revops_buf_str(&qs, zVal);
      sqlite3_free(z);
      sqlite3_free(zVal);
    }
    rc = (cols.oom || qs.oom || k < pt->nCol) ? SQLITE_NOMEM
         : imp_prepare(p, &L->apCreate[i], "INSERT INTO main.\"%w\" (%s) VALUES (%s)", pt->zName, cols.z, qs.z);
    revops_buf_reset(&cols);
    revops_buf_reset(&qs);
    if (rc != SQLITE_OK) return 0; /* an error: the row says unknown parent */
    s = L->apCreate[i];
  }
  return s != 0;
}

int imp_create_parent(ImpLoad *L, int i) {
  Imp *p = L->p;
  sqlite3_stmt *s = L->apCreate[i];
  int rc;
  imp_bind_val(s, 1, &L->aVal[i]);
  rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
  /* the parent exists now: later rows find it in the key set */
  if (memchr(L->aVal[i].z, 0, (size_t)L->aVal[i].n) == 0) imp_set_add(&L->aFkSet[i], L->aVal[i].z, L->aVal[i].n);
  return SQLITE_OK;
}

/* --------------------------------------------------------------- lookups */

int imp_lookup_row(ImpLoad *L, ImpRow *r, RevopsBuf *aBuf) {
  ImpTable *t = L->t;
  int i, rc;
  for (i = 0; i < t->nCol; i++) {
    const ImpColMap *m = &r->aMap[i];
    const ImpCol *fk;
    const char *z;
    size_t n;
    sqlite3_stmt *s;
    if (m->iLookupFk < 0) continue;
    fk = &t->aCol[m->iLookupFk];
    z = r->az[m->iLookupFk];
    n = z ? r->an[m->iLookupFk] : 0;
    if (z) imp_trim(&z, &n);
    if (n == 0) continue;
    if (L->apLookup[i] == 0) {
      rc = imp_prepare(L->p, &L->apLookup[i], "SELECT \"%w\" FROM main.\"%w\" WHERE \"%w\" = ?", m->zLookupCol,
                       fk->zFkTable, fk->zFkCol);
      if (rc != SQLITE_OK) return rc;
    }
    s = L->apLookup[i];
    sqlite3_bind_text(s, 1, z, (int)n, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
      aBuf[i].n = 0;
      revops_buf_append(&aBuf[i], (const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
      if (aBuf[i].oom) {
        sqlite3_reset(s);
        return SQLITE_NOMEM;
      }
      r->az[i] = aBuf[i].z, r->an[i] = aBuf[i].n;
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
      sqlite3_reset(s);
      return imp_sql_error(L->p, rc);
    }
    sqlite3_reset(s);
  }
  return SQLITE_OK;
}

/* ------------------------------------------------------ derived parents */

static void imp_row_refs(const ImpTable *ct, const char *zSrc, ImpAlts *pAlts);

/* A derived pass's parent columns: where each comes from (parent.FK.COL
** of the file's mapping) and which one the foreign key names (d->iKey,
** -1: none). */
int imp_derive_begin(ImpLoad *L, const ImpFileInfo *f, const ImpPass *pass, RevopsCsv *pHead, int nHead,
                     ImpArena *a, ImpDerive *d) {
  ImpTable *t = L->t, *ct = &L->p->schema.aTable[pass->iChild];
  const char *zFk = ct->aCol[pass->iFk].zName;
  size_t nFk = strlen(zFk);
  int i, j, rc = SQLITE_OK;
  d->iKey = -1;
  d->aParent = imp_arena_alloc(a, sizeof(ImpAlts) * (size_t)t->nCol);
  if (d->aParent == 0) return SQLITE_NOMEM;
  for (i = 0; i < t->nCol; i++) {
    if (sqlite3_stricmp(t->aCol[i].zName, ct->aCol[pass->iFk].zFkCol) == 0) d->iKey = i;
  }
  for (j = 0; j < f->nSet && rc == SQLITE_OK; j++) {
    const ImpSetting *s = &f->aSet[j];
    if (strcmp(s->zSetting, "parent") || sqlite3_strnicmp(s->zCol, zFk, (int)nFk) || s->zCol[nFk] != '.') continue;
    for (i = 0; i < t->nCol; i++) {
      if (sqlite3_stricmp(t->aCol[i].zName, s->zCol + nFk + 1) == 0) {
        rc = imp_alts_parse(a, pHead, nHead, s->zSrc, &d->aParent[i]);
        if (rc == SQLITE_OK) imp_row_refs(ct, s->zSrc, &d->aParent[i]);
      }
    }
  }
  /* a learned stage's order, unless a line gives it */
  d->iOrder = d->iProb = d->iClosed = d->iWon = d->iCategory = -1;
  for (i = 0; i < t->nCol; i++) {
    if (!strcmp(t->aCol[i].zName, "forecast_category")) d->iCategory = i;
    if (!strcmp(t->aCol[i].zName, "stage_order")) d->iOrder = i;
    if (!strcmp(t->aCol[i].zName, "probability")) d->iProb = i;
    if (!strcmp(t->aCol[i].zName, "is_closed")) d->iClosed = i;
    if (!strcmp(t->aCol[i].zName, "is_won")) d->iWon = i;
  }
  if (rc == SQLITE_OK && d->iOrder >= 0 && d->iProb >= 0 && d->iClosed >= 0 && d->iWon >= 0 &&
      d->aParent[d->iOrder].n == 0) {
    rc = imp_prepare(L->p, &d->pOrder,
                     "SELECT coalesce(CASE WHEN ?1 THEN (SELECT stage_order FROM main.\"%w\" WHERE is_closed = 1"
                     " AND is_won = ?2 ORDER BY stage_order LIMIT 1) ELSE (SELECT stage_order FROM main.\"%w\""
                     " WHERE is_closed = 0 AND probability <= ?3 ORDER BY probability DESC, stage_order DESC LIMIT 1) END,"
                     " CASE WHEN ?1 THEN (SELECT max(stage_order) + 1 FROM main.\"%w\") ELSE (SELECT min(stage_order)"
                     " FROM main.\"%w\" WHERE is_closed = 0) END, 1)",
                     t->zName, t->zName, t->zName, t->zName);
  }
  return rc;
}

/* parent.F.P = TABLE.COLUMN, TABLE the file's own table: the alternative
** is the row's own value of COLUMN (after its steps: a probability
** already divided by 100), not a field of the file. */
static void imp_row_refs(const ImpTable *ct, const char *zSrc, ImpAlts *pAlts) {
  int k = 0;
  size_t nt = strlen(ct->zName);
  for (;;) {
    const char *e = strchr(zSrc, '|'), *z = zSrc;
    size_t n = e ? (size_t)(e - zSrc) : strlen(zSrc);
    int q;
    imp_trim(&z, &n);
    if (k < pAlts->n && pAlts->a[k].iField < 0 && !pAlts->a[k].zLit && n > nt + 1 && z[nt] == '.' &&
        sqlite3_strnicmp(z, ct->zName, (int)nt) == 0) {
      for (q = 0; q < ct->nCol; q++) {
        if (strlen(ct->aCol[q].zName) == n - nt - 1 && sqlite3_strnicmp(ct->aCol[q].zName, z + nt + 1, (int)(n - nt - 1)) == 0) {
          pAlts->a[k].iRow = q;
        }
      }
    }
    k++;
    if (e == 0) break;
    zSrc = e + 1;
  }
}

/* A learned stage (a stage an export's rows name and define by their
** closed, won and probability columns; docs/data.md "Stages learned from
** the data").  Its stage_order: that of the closed stage of its kind (won
** or lost), or of the open stage with the highest probability not above
** its own (ties: the later), so that it sorts beside the stage it is most
** like; no such stage: after the closed ones, or first.  Its forecast
** category, when no column gives one: Closed (won), Omitted (lost), else
** SPEC's bands of its probability (Commit >= 0.90, Best Case >= 0.60,
** Pipeline >= 0.20, Upside > 0, Omitted). */
static int imp_learned_stage(ImpLoad *L, ImpDerive *d, const char **paz, size_t *pan) {
  double prob = 0;
  int closed = 0, won = 0, rc;
  sqlite3_stmt *s = d->pOrder;
  const char *z;
  size_t n;
  if (paz[d->iProb]) {
    z = paz[d->iProb], n = pan[d->iProb];
    imp_trim(&z, &n);
    if (!imp_parse_real(z, n, &prob)) prob = 0;
  }
  if (paz[d->iClosed]) {
    z = paz[d->iClosed], n = pan[d->iClosed];
    imp_trim(&z, &n);
    if (!imp_parse_bool(z, n, &closed)) closed = 0;
  }
  if (paz[d->iWon]) {
    z = paz[d->iWon], n = pan[d->iWon];
    imp_trim(&z, &n);
    if (!imp_parse_bool(z, n, &won)) won = 0;
  }
  if (d->iCategory >= 0 && (paz[d->iCategory] == 0 || pan[d->iCategory] == 0)) {
    const char *zCat = won ? "Closed" : closed ? "Omitted" : prob >= 0.9 ? "Commit" : prob >= 0.6 ? "Best Case"
                       : prob >= 0.2 ? "Pipeline" : prob > 0 ? "Upside" : "Omitted";
    paz[d->iCategory] = zCat, pan[d->iCategory] = strlen(zCat);
  }
  sqlite3_bind_int(s, 1, closed || won);
  sqlite3_bind_int(s, 2, won);
  sqlite3_bind_double(s, 3, prob);
  rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    snprintf(d->zOrder, sizeof(d->zOrder), "%lld", (long long)sqlite3_column_int64(s, 0));
    paz[d->iOrder] = d->zOrder, pan[d->iOrder] = strlen(d->zOrder);
    rc = SQLITE_OK;
  } else {
    rc = imp_sql_error(L->p, rc);
  }
  sqlite3_reset(s);
  return rc;
}

/* One record of a derived pass: the parent row its foreign key names, once
** per key and file (*pLoad = 1: r is now that row, to load).  The first
** pass takes the records that give every parent column, the second the
** rest.  r holds the record's fields for the child's table; bMapErr: its
** mapping failed, no parent comes from it. */
int imp_derive_row(ImpLoad *L, int iFile, ImpPass *pass, ImpRow *r, RevopsCsv *pCsv, int bMapErr,
                   ImpDerive *d, int *pLoad) {
  ImpTable *t = L->t;
  const char **paz = d->az;
  size_t *pan = d->an;
  const char *zk = r->az[pass->iFk];
  size_t nk = r->an[pass->iFk];
  int complete = 1, i;
  *pLoad = 0;
  if (zk) imp_trim(&zk, &nk);
  if (zk == 0 || nk == 0 || bMapErr || memchr(zk, 0, nk)) return SQLITE_OK;
  if (imp_set_has(&L->aSeen[iFile], zk, (int)nk)) return SQLITE_OK; /* one per key and file */
  for (i = 0; i < t->nCol; i++) {
    const ImpCol *c = &t->aCol[i];
    int keyText = c->required && c->kind == IMP_K_TEXT && !c->nEnum && !c->zFkTable;
    paz[i] = 0, pan[i] = 0;
    if (i == d->iKey) {
      paz[i] = zk, pan[i] = nk;
    } else if (d->aParent[i].n) {
      imp_alts_eval(&d->aParent[i], pCsv, r->az, r->an, &d->aJoin[i], &paz[i], &pan[i]);
      if (d->aJoin[i].oom) return SQLITE_NOMEM;
      if (paz[i] == 0 || pan[i] == 0) {
        complete = 0; /* perhaps another row names it */
        if (keyText) paz[i] = zk, pan[i] = nk;
      }
    } else if (keyText) {
      paz[i] = zk, pan[i] = nk; /* other required text: the key, as create_parents does */
    }
  }
  if (!pass->second && !complete) {
    pass->nLater++;
    return SQLITE_OK;
  }
  if (pass->second && complete) return SQLITE_OK;
  if (d->pOrder) {
    int rc = imp_learned_stage(L, d, paz, pan);
    if (rc != SQLITE_OK) return rc;
  }
  imp_set_add(&L->aSeen[iFile], zk, (int)nk);
  r->derived = 1;
  r->az = paz, r->an = pan, r->aMap = 0, r->zRaw = 0, r->nRaw = 0;
  r->eOrder = L->p->aFile[iFile].eOrder;
  *pLoad = 1;
  return SQLITE_OK;
}
