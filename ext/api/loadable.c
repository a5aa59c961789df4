/*
** loadable.c — linked into the loadable extension only (dist/revops.so,
** dist/revops.dll): SQLite always passes its API table to
** sqlite3_revops_init, so there is no default.  The static library links
** the generated table instead (tools/gen_api_table.sh).
*/
#include "sqlite3ext.h"

const sqlite3_api_routines *revops_default_api(void);
const sqlite3_api_routines *revops_default_api(void) { return 0; }
