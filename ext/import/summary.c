/*
** summary.c — the summary: one import_summary row per file and table the
** file gave rows (its own, the parents its mapping derives, the tables its
** FILE -> TABLE sections feed), with its counts and notes, for the loader
** (loader.h; docs/data.md "The import").
**
** Owns: the summary rows and the wording of their notes (a footer skipped,
** rows that change no stage, rows skipped, parents created, rows summed,
** rows a feed had nothing for, unknown parents left empty, derived rows).
** Must not: count anything: the counts are kept as rows go (row.c,
** write.c, read.c, aggregate.c); it only reports them.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* "; 3 rows skipped (...)": one count of the note, singular or plural. */
static void imp_note_count(RevopsBuf *b, sqlite3_int64 n, const char *zOne, const char *zMany) {
  if (n == 0) return;
  if (b->n) revops_buf_lit(b, "; ");
  revops_buf_int(b, n);
  revops_buf_str(b, n == 1 ? zOne : zMany);
}

/* The note of a file's own rows: import.sql's (ignored columns, the
** mapping), then what the reading counted. */
static void imp_note_file(RevopsBuf *b, const ImpFileInfo *f) {
  if (f->zNote) revops_buf_str(b, f->zNote);
  if (f->nFooter) {
    if (b->n) revops_buf_lit(b, "; ");
    revops_buf_int(b, f->nFooter);
    revops_buf_str(b, f->nFooter == 1 ? " row of the " : " rows of the ");
    if (f->zLabel) {
      revops_buf_str(b, f->zLabel);
      revops_buf_append(b, " ", 1);
    }
    revops_buf_lit(b, "footer skipped");
  }
  imp_note_count(b, f->nNoChange,
                 " row changes no stage (amount, date or probability only) and is not a stage entry",
                 " rows change no stage (amount, date or probability only) and are not stage entries");
  imp_note_count(b, f->nSkipped, " row skipped (skip = in the mapping)", " rows skipped (skip = in the mapping)");
  imp_note_count(b, f->nNoTarget, " row gives nothing for this table (a required column empty): skipped",
                 " rows give nothing for this table (a required column empty): skipped");
  imp_note_count(b, f->nSummed, " row added into another with the same key (aggregate = sum)",
                 " rows added into others with the same key (aggregate = sum)");
  imp_note_count(b, f->nEmptied, " value with no parent row left empty (unknown. = empty)",
                 " values with no parent row left empty (unknown. = empty)");
  imp_note_count(b, f->nCreated, " missing parent row created from its key (create_parents)",
                 " missing parent rows created from their keys (create_parents)");
}

/* One summary row per file and table: the counts of every entry of the
** file (its own section and its FILE -> TABLE sections), its own rows and
** the parent rows its mapping derived, added up. */
int imp_summarise(ImpLoad *L) {
  Imp *p = L->p;
  int i, j, rc;
  for (i = 0; i < p->nFile; i++) {
    ImpCount own, der;
    const ImpFileInfo *fOwn = 0, *fPreset = &p->aFile[i];
    RevopsBuf nb;
    char *zNote;
    sqlite3_stmt *s = p->pSummary;
    for (j = 0; j < i && strcmp(p->aFile[j].zFile, p->aFile[i].zFile) != 0; j++) {
    }
    if (j < i) continue; /* counted with the file's first entry */
    memset(&own, 0, sizeof(own));
    memset(&der, 0, sizeof(der));
    for (j = i; j < p->nFile; j++) {
      const ImpCount *c0 = &L->aCount[j * 2], *c1 = &L->aCount[j * 2 + 1];
      if (strcmp(p->aFile[j].zFile, p->aFile[i].zFile) != 0) continue;
      if (c0->nRead && fOwn == 0) fOwn = &p->aFile[j];
      own.nRead += c0->nRead, own.nIns += c0->nIns, own.nUpd += c0->nUpd, own.nSame += c0->nSame;
      own.nRej += c0->nRej;
      der.nRead += c1->nRead, der.nIns += c1->nIns, der.nUpd += c1->nUpd, der.nSame += c1->nSame;
      der.nRej += c1->nRej, der.nDerivedDup += c1->nDerivedDup;
    }
    if (own.nRead == 0 && der.nRead == 0) continue;
    if (fOwn) fPreset = fOwn;
    revops_buf_init(&nb);
    if (fOwn) imp_note_file(&nb, fOwn);
    if (der.nRead) {
      if (nb.n) revops_buf_lit(&nb, "; ");
      if (fOwn) {
        revops_buf_int(&nb, der.nRead - der.nDerivedDup);
        revops_buf_lit(&nb, " of them derived from this export's references to its own table, one per key");
      } else {
        revops_buf_lit(&nb, "rows derived from this export, one per key");
      }
      if (der.nDerivedDup) {
        revops_buf_lit(&nb, "; ");
        revops_buf_int(&nb, der.nDerivedDup);
        revops_buf_lit(&nb, " already given by another file");
      }
    }
    zNote = nb.n ? revops_buf_finish(&nb) : 0;
    if (nb.oom || (nb.n && zNote == 0)) {
      revops_buf_reset(&nb);
      return SQLITE_NOMEM;
    }
    if (zNote == 0) revops_buf_reset(&nb);
    sqlite3_bind_int64(s, 1, p->runId);
    sqlite3_bind_text(s, 2, p->aFile[i].zFile, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, L->t->zName, -1, SQLITE_STATIC);
    if (fPreset->zPreset) sqlite3_bind_text(s, 4, fPreset->zPreset, -1, SQLITE_STATIC);
    else sqlite3_bind_null(s, 4);
    sqlite3_bind_int64(s, 5, own.nRead + der.nRead - der.nDerivedDup);
    sqlite3_bind_int64(s, 6, own.nIns + own.nUpd + own.nSame + der.nIns + der.nUpd + der.nSame);
    sqlite3_bind_int64(s, 7, own.nIns + der.nIns);
    sqlite3_bind_int64(s, 8, own.nUpd + der.nUpd);
    sqlite3_bind_int64(s, 9, own.nSame + der.nSame);
    sqlite3_bind_int64(s, 10, own.nRej + der.nRej);
    if (zNote) sqlite3_bind_text(s, 11, zNote, -1, SQLITE_STATIC);
    else sqlite3_bind_null(s, 11);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    revops_free(zNote);
    if (rc != SQLITE_DONE) return imp_sql_error(p, rc);
  }
  return SQLITE_OK;
}
