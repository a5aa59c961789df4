/*
** entry.c — the import module's single exported entry point.
**
**   .load ./dist/revops_import      (sqlite3 shell: sqlite3_revopsimport_init)
**
** dist/revops_import is the one revops artefact that reads files: the CSV
** readers revops_csv and revops_dir and the loader revops_import(), all
** SQLITE_DIRECTONLY.  It is loaded by the import command
** (sql/import/import.sh) and by scripts that import; a shell, BI tool or
** web front end that only queries loads dist/revops, which registers
** nothing that touches a file (docs/security.md).
**
** Owns: the module's one exported symbol, the SQLite version check, the
** allocator ext/core uses, and the order of the registrations.
** Must not: register anything itself or hold any other code: each file
** registers its own functions and tables.
*/
#include "imp.h"

SQLITE_EXTENSION_INIT1

/* ext/core allocates through SQLite's allocator (STYLE: memory). */
void *revops_malloc(size_t n) { return sqlite3_malloc64((sqlite3_uint64)n); }
void *revops_realloc(void *p, size_t n) { return sqlite3_realloc64(p, (sqlite3_uint64)n); }
void revops_free(void *p) { sqlite3_free(p); }

REVOPS_API int sqlite3_revopsimport_init(sqlite3 *db, char **pzErrMsg,
                                         const sqlite3_api_routines *pApi) {
  int rc;
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < REVOPS_MIN_SQLITE_VERSION_NUMBER) {
    if (pzErrMsg) {
      *pzErrMsg = sqlite3_mprintf("revops_import needs SQLite " REVOPS_MIN_SQLITE_VERSION
                                  " or later; this is SQLite %s", sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  rc = imp_register_readers(db);
  if (rc == SQLITE_OK) rc = imp_register_mapping(db);
  if (rc == SQLITE_OK) rc = imp_register_loader(db);
  if (rc != SQLITE_OK && pzErrMsg) {
    *pzErrMsg = sqlite3_mprintf("revops_import: registration failed: %s", sqlite3_errstr(rc));
  }
  return rc;
}
