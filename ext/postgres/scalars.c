/*
** scalars.c — the scalar functions of every domain but leads and learn
** (ext/sqlite/{housekeeping,deals,pipeline,forecast,economics,attribution,
** accounts,planning}.c on SQLite).  Their arguments, rules, messages and
** bodies are ext/core's tables (args.h, specs.c): common.c's pg_call_init
** finds each by its SQL name and runs it through pg_spec_body, so they
** need no row here.  What is left is the version.
*/
#include "postgres.h"

#include "fmgr.h"

#include "pg_revops.h"

static Datum versionBody(FunctionCallInfo fcinfo, PgCall *c) {
  (void)fcinfo, (void)c;
  return pg_text(REVOPS_VERSION);
}

static const PgFunc aFunc[] = {
    {"revops_version", versionBody, 0},
};

const PgDomain revops_pg_domain_scalars = {aFunc, PG_COUNT(aFunc)};
