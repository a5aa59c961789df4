/*
** imp.h — what the files of the import module (dist/revops_import) share.
**
** The import module is the only revops artefact that reads files: the
** query extension (dist/revops) registers nothing that opens or lists
** one (docs/security.md, docs/data.md "Two artefacts").  Everything here is
** registered SQLITE_DIRECTONLY.
**
** Owns: the bounds of paths and directories, and the interface of the
** file layer (files.c), the readers, the mappings and the loader's
** registration.
** Must not: declare the loader's inside (loader.h) or the schema model
** (schema.h).
*/
#ifndef REVOPS_IMP_H
#define REVOPS_IMP_H

#include <stddef.h>
#include <stdint.h>

#include "sqlite3ext.h"
#include "revops.h"

SQLITE_EXTENSION_INIT3

/* ------------------------------------------------------------- bounds */
/* docs/data.md "Bounds".  Checked in size_t before anything is allocated. */
#define IMP_MAX_PATH 4096          /* bytes of a path */
#define IMP_MAX_FILES 10000        /* CSV files in one import directory */

/* ------------------------------------------------------------ files.c */
/* A file opened for reading: refused unless it is a regular file (a FIFO,
** device, socket or directory, or a link to one, never blocks or streams
** forever).  zErr gets "cannot open 'x': reason" or "'x' is not a regular
** file ..." on failure. */
typedef struct ImpFile ImpFile;
ImpFile *imp_file_open(const char *zPath, char *zErr, size_t nErr);
/* Bytes read (0 at the end), -1 on a read error. */
long long imp_file_read(ImpFile *f, char *zBuf, size_t n);
void imp_file_close(ImpFile *f);

/* The entries of a directory, sorted by name, '.' and '..' left out.
** Each name is UTF-8.  Returns 0 and fills *paz / *pn (free with
** imp_dir_free), or -1 with the reason in zErr. */
typedef struct ImpDirEntry {
  char *zName;
  long long size;   /* -1 when it cannot be stat'ed (a dangling link) */
  int isDir;
  int isRegular;
} ImpDirEntry;
int imp_dir_list(const char *zDir, ImpDirEntry **paEntry, int *pn, char *zErr, size_t nErr);
void imp_dir_free(ImpDirEntry *a, int n);

/* strerror(), thread-safe, into z. */
void imp_strerror(int e, char *z, size_t n);

/* A record's raw bytes as valid UTF-8 text: each byte of an invalid
** sequence (and NUL) becomes the four characters \xNN, a backslash stays
** as it is.  sqlite3_malloc'ed; NULL on OOM. */
char *imp_raw_text(const char *z, size_t n, size_t *pnOut);

/* Does a long read need to stop?  Runs a trivial statement so that
** sqlite3_interrupt() (Ctrl-C in the shell) reaches a reader that has not
** returned to SQLite for a while.  1 = interrupted. */
typedef struct ImpPing {
  sqlite3 *db;
  sqlite3_stmt *pStmt;
  unsigned nCall;
} ImpPing;
int imp_ping(ImpPing *p);
void imp_ping_free(ImpPing *p);

/* ---------------------------------------------------------- readers.c */
int imp_register_readers(sqlite3 *db);
/* xConnect/xDisconnect of every table of the module (readers.c): declares
** zSchema and marks the table SQLITE_VTAB_DIRECTONLY. */
int imp_vtab_connect(sqlite3 *db, const char *zSchema, sqlite3_vtab **ppVtab);
int imp_vtab_disconnect(sqlite3_vtab *p);

/* ---------------------------------------------------------- mapping.c */
int imp_register_mapping(sqlite3 *db);
/* band.X = "< 50": 1 with the operator (IMP_OP_* of schema.h: >=, >, <=,
** <) and the number, 0 when it is not one. */
int imp_map_band(const char *z, int *pOp, double *pV);
/* when.X = "F is a, b" / "F is not a, b": where the last " is " starts
** (NULL: none) and whether "not" follows. */
const char *imp_map_is(const char *z, int *pNot);

/* ----------------------------------------------------------- import.c */
/* revops_import(), the loader (loader.h lists its files). */
int imp_register_loader(sqlite3 *db);

#endif
