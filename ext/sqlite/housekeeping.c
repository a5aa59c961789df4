/*
** housekeeping.c — what the extension says about itself.
**
**   revops_version()         -> REVOPS_VERSION, e.g. '1.2.3'
**   SELECT * FROM revops_functions
**       one row per registered SQL function (per argument count) and per
**       table-valued function, read from the same tables that registered
**       them, so the list cannot drift from what is really there.
*/
#include <string.h>

#include "revops_ext.h"

static void versionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, REVOPS_VERSION, -1, SQLITE_STATIC);
}

/* ---------------------------------------------- revops_functions vtab */

#define FN_COL_NAME 0
#define FN_COL_DOMAIN 1
#define FN_COL_KIND 2
#define FN_COL_NARG 3
#define FN_COL_DETERMINISTIC 4
#define FN_COL_INNOCUOUS 5
#define FN_COL_DIRECTONLY 6
static const char zFnSchema[] =
    "CREATE TABLE x(name TEXT, domain TEXT, kind TEXT, narg INT,"
    " deterministic INT, innocuous INT, directonly INT)";

typedef struct FnCursor {
  sqlite3_vtab_cursor base; /* base class, must be first */
  int iDomain;              /* index into revops_domains */
  int iItem;                /* functions first, then modules */
  sqlite3_int64 iRowid;
} FnCursor;

static int fnConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr) {
  (void)pAux;
  (void)argc;
  (void)argv;
  (void)pzErr;
  return revops_vtab_connect(db, zFnSchema, SQLITE_VTAB_INNOCUOUS, ppVtab);
}

static int fnOpen(sqlite3_vtab *p, sqlite3_vtab_cursor **ppCursor) {
  FnCursor *c = sqlite3_malloc(sizeof(*c));
  (void)p;
  if (c == 0) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  *ppCursor = &c->base;
  return SQLITE_OK;
}

static int fnClose(sqlite3_vtab_cursor *cur) {
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* Skip past domains that have no more items. */
static void fn_settle(FnCursor *c) {
  while (c->iDomain < revops_ndomain) {
    const RevopsDomain *d = revops_domains[c->iDomain];
    if (c->iItem < d->nFunc + d->nModule) return;
    c->iDomain++;
    c->iItem = 0;
  }
}

static int fnFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                    int argc, sqlite3_value **argv) {
  FnCursor *c = (FnCursor *)cur;
  (void)idxNum;
  (void)idxStr;
  (void)argc;
  (void)argv;
  c->iDomain = 0;
  c->iItem = 0;
  c->iRowid = 1;
  fn_settle(c);
  return SQLITE_OK;
}

static int fnNext(sqlite3_vtab_cursor *cur) {
  FnCursor *c = (FnCursor *)cur;
  c->iItem++;
  c->iRowid++;
  fn_settle(c);
  return SQLITE_OK;
}

static int fnEof(sqlite3_vtab_cursor *cur) {
  return ((FnCursor *)cur)->iDomain >= revops_ndomain;
}

static int fnColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  FnCursor *c = (FnCursor *)cur;
  const RevopsDomain *d = revops_domains[c->iDomain];
  const RevopsFunc *f = c->iItem < d->nFunc ? &d->aFunc[c->iItem] : 0;
  const RevopsModule *m = f ? 0 : &d->aModule[c->iItem - d->nFunc];
  int eFlags = f ? f->eFlags : m->eFlags;
  switch (i) {
    case FN_COL_NAME:
      sqlite3_result_text(ctx, f ? f->zName : m->zName, -1, SQLITE_STATIC);
      break;
    case FN_COL_DOMAIN:
      sqlite3_result_text(ctx, d->zName, -1, SQLITE_STATIC);
      break;
    case FN_COL_KIND:
      sqlite3_result_text(ctx,
                          !f ? "table" : f->xFunc ? "scalar" : f->xValue ? "window" : "aggregate",
                          -1, SQLITE_STATIC);
      break;
    case FN_COL_NARG:
      if (f) sqlite3_result_int(ctx, f->nArg);
      break;
    case FN_COL_DETERMINISTIC:
      sqlite3_result_int(ctx, (eFlags & SQLITE_DETERMINISTIC) != 0);
      break;
    case FN_COL_INNOCUOUS:
      sqlite3_result_int(ctx, (eFlags & SQLITE_INNOCUOUS) != 0);
      break;
    default:
      sqlite3_result_int(ctx, (eFlags & SQLITE_DIRECTONLY) != 0);
      break;
  }
  return SQLITE_OK;
}

static int fnRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid) {
  *pRowid = ((FnCursor *)cur)->iRowid;
  return SQLITE_OK;
}

/* A full scan of a few dozen rows; there is nothing to index. */
static int fnBestIndex(sqlite3_vtab *tab, sqlite3_index_info *pInfo) {
  (void)tab;
  pInfo->estimatedCost = 100;
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}

/* Designated initialisers: the struct grows with SQLite versions. */
static sqlite3_module fnModule = {
    .iVersion = 0,
    .xCreate = 0, /* eponymous only */
    .xConnect = fnConnect,
    .xBestIndex = fnBestIndex,
    .xDisconnect = revops_vtab_disconnect,
    .xOpen = fnOpen,
    .xClose = fnClose,
    .xFilter = fnFilter,
    .xNext = fnNext,
    .xEof = fnEof,
    .xColumn = fnColumn,
    .xRowid = fnRowid,
};

static const RevopsFunc aHousekeepingFunc[] = {
    REVOPS_SCALAR("revops_version", 0, REVOPS_PURE, versionFunc),
};

static const RevopsModule aHousekeepingModule[] = {
    {"revops_functions", SQLITE_INNOCUOUS},
};

static int housekeeping_register(sqlite3 *db, const RevopsDomain *pDomain) {
  int rc = revops_register_funcs(db, pDomain->aFunc, pDomain->nFunc, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "revops_functions", &fnModule, 0);
  return rc;
}

const RevopsDomain revops_domain_housekeeping = {
    "housekeeping", aHousekeepingFunc, REVOPS_COUNT(aHousekeepingFunc),
    aHousekeepingModule, REVOPS_COUNT(aHousekeepingModule), housekeeping_register};
