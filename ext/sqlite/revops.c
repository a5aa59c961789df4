/*
** revops.c — the single exported entry point.
**
**   .load ./dist/revops          (sqlite3 shell)
**   conn.load_extension("dist/revops")   (Python, after
**                                          enable_load_extension(True))
**
** Thin on purpose: check the SQLite version, then register each domain in
** turn, stopping at the first failure and saying which one failed.
*/
#include "revops_ext.h"

SQLITE_EXTENSION_INIT1

extern const RevopsDomain revops_domain_housekeeping;
extern const RevopsDomain revops_domain_leads;
extern const RevopsDomain revops_domain_deals;
extern const RevopsDomain revops_domain_pipeline;
extern const RevopsDomain revops_domain_retention;
extern const RevopsDomain revops_domain_forecast;
extern const RevopsDomain revops_domain_economics;
extern const RevopsDomain revops_domain_attribution;
extern const RevopsDomain revops_domain_accounts;
extern const RevopsDomain revops_domain_planning;
extern const RevopsDomain revops_domain_mrr;

/* Registration order; revops_functions lists them in this order too. */
const RevopsDomain *const revops_domains[] = {
    &revops_domain_housekeeping, &revops_domain_leads,
    &revops_domain_deals,        &revops_domain_pipeline,
    &revops_domain_retention,    &revops_domain_forecast,
    &revops_domain_economics,    &revops_domain_attribution,
    &revops_domain_accounts,     &revops_domain_planning,
    &revops_domain_mrr,
};
const int revops_ndomain = REVOPS_COUNT(revops_domains);

REVOPS_API int sqlite3_revops_init(sqlite3 *db, char **pzErrMsg,
                                   const sqlite3_api_routines *pApi) {
  int i, rc = SQLITE_OK;
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < REVOPS_MIN_SQLITE_VERSION_NUMBER) {
    if (pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("revops needs SQLite " REVOPS_MIN_SQLITE_VERSION
                                  " or later; this is SQLite %s",
                                  sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  for (i = 0; i < revops_ndomain && rc == SQLITE_OK; i++) {
    const RevopsDomain *d = revops_domains[i];
    rc = d->xRegister ? d->xRegister(db, d)
                      : revops_register_funcs(db, d->aFunc, d->nFunc, 0, 0);
    if (rc != SQLITE_OK && pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("revops: registering the %s functions failed: %s",
                                  d->zName, sqlite3_errstr(rc));
    }
  }
  return rc;
}
