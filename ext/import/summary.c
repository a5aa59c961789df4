/*
** summary.c — the summary: one import_summary row per file (and derived
** or not) that gave a table rows, with its counts and notes, for the
** loader (loader.h; docs/data.md "The import").
**
** Owns: the summary rows and the wording of their notes (a footer skipped,
** rows that change no stage, rows skipped, parents created, derived rows).
** Must not: count anything: the counts are kept as rows go (row.c,
** write.c, read.c); it only reports them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* One summary row per file (and derived or not) that gave this table rows. */
int imp_summarise(ImpLoad *L) {
  Imp *p = L->p;
  int i, d, rc;
  for (i = 0; i < p->nFile; i++) {
    for (d = 0; d < 2; d++) {
      ImpCount *c = &L->aCount[i * 2 + d];
      sqlite3_stmt *s = p->pSummary;
      char *zNote = 0;
      if (c->nRead == 0) continue;
      if (d) {
        zNote = c->nDerivedDup
                    ? sqlite3_mprintf("rows derived from this export, one per key; %lld already given by another file",
                                      (long long)c->nDerivedDup)
                    : sqlite3_mprintf("rows derived from this export, one per key");
        if (zNote == 0) return SQLITE_NOMEM;
      }
      sqlite3_bind_int64(s, 1, p->runId);
      sqlite3_bind_text(s, 2, p->aFile[i].zFile, -1, SQLITE_STATIC);
      sqlite3_bind_text(s, 3, L->t->zName, -1, SQLITE_STATIC);
      if (p->aFile[i].zPreset) sqlite3_bind_text(s, 4, p->aFile[i].zPreset, -1, SQLITE_STATIC);
      else sqlite3_bind_null(s, 4);
      sqlite3_bind_int64(s, 5, c->nRead - c->nDerivedDup);
      sqlite3_bind_int64(s, 6, c->nIns + c->nUpd + c->nSame);
      sqlite3_bind_int64(s, 7, c->nIns);
      sqlite3_bind_int64(s, 8, c->nUpd);
      sqlite3_bind_int64(s, 9, c->nSame);
      sqlite3_bind_int64(s, 10, c->nRej);
      if (zNote == 0 && (p->aFile[i].nSkipped || p->aFile[i].nCreated || p->aFile[i].nFooter || p->aFile[i].nNoChange)) {
        ImpFileInfo *f = &p->aFile[i];
        RevopsBuf nb;
        revops_buf_init(&nb);
        if (f->zNote) revops_buf_str(&nb, f->zNote);
        if (f->nFooter) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nFooter);
          revops_buf_str(&nb, f->nFooter == 1 ? " row of the " : " rows of the ");
          if (f->zLabel) {
            revops_buf_str(&nb, f->zLabel);
            revops_buf_append(&nb, " ", 1);
          }
          revops_buf_lit(&nb, "footer skipped");
        }
        if (f->nNoChange) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nNoChange);
          revops_buf_str(&nb, f->nNoChange == 1
                                  ? " row changes no stage (amount, date or probability only) and is not a stage entry"
                                  : " rows change no stage (amount, date or probability only) and are not stage entries");
        }
        if (f->nSkipped) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nSkipped);
          revops_buf_str(&nb, f->nSkipped == 1 ? " row skipped (skip = in the mapping)"
                                                : " rows skipped (skip = in the mapping)");
        }
        if (f->nCreated) {
          if (nb.n) revops_buf_lit(&nb, "; ");
          revops_buf_int(&nb, f->nCreated);
          revops_buf_str(&nb, f->nCreated == 1 ? " missing parent row created from its key (create_parents)"
                                                : " missing parent rows created from their keys (create_parents)");
        }
        zNote = revops_buf_finish(&nb);
        if (zNote == 0) return SQLITE_NOMEM;
        sqlite3_bind_text(s, 11, zNote, -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        sqlite3_reset(s);
        revops_free(zNote);
        if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
        continue;
      }
      if (zNote) sqlite3_bind_text(s, 11, zNote, -1, SQLITE_STATIC);
      else if (p->aFile[i].zNote) sqlite3_bind_text(s, 11, p->aFile[i].zNote, -1, SQLITE_STATIC);
      else sqlite3_bind_null(s, 11);
      rc = sqlite3_step(s);
      sqlite3_reset(s);
      sqlite3_free(zNote);
      if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
    }
  }
  return SQLITE_OK;
}

