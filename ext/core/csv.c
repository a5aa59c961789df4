/*
** csv.c — an RFC 4180 CSV reader that never loses a row.
**
** The import (sql/import/) needs every record of a file, good or bad, with
** the line it started on and its raw text, so that a malformed record can be
** rejected with a reason instead of being skipped or aborting the file.  So
** this reader does not stop at the first problem: a record that breaks a
** rule is returned like any other, with revops_csv_error() saying what is
** wrong, and reading resumes at the next record.
**
** Accepted (RFC 4180 and what spreadsheet exports really write):
**   - fields separated by ',', records ended by CRLF, LF or a lone CR;
**   - fields in double quotes may hold ',', quotes doubled ("") and line
**     breaks; the line number keeps counting inside them;
**   - a UTF-8 byte-order mark at the very start is skipped;
**   - the last record may lack a line end; empty lines are not records.
** Reported as errors of the record (it is still returned):
**   - a quote inside an unquoted field, text after a closing quote;
**   - a quoted field still open at the end of the input;
**   - a NUL byte, invalid UTF-8.
**
** Input comes through a read callback, so a 1 GB file streams through a
** small buffer; the core tests feed it one byte at a time to exercise every
** buffer boundary.
**
** Bounds (docs/data.md "Bounds"): a record of more than
** REVOPS_CSV_MAX_RECORD bytes or REVOPS_CSV_MAX_FIELDS fields is returned
** as an error of that record, its text cut at the bound; reading goes on
** at the next record.  So memory is proportional to the longest record
** kept (about twice it: raw text and field values), never to the file.
*/
#include <string.h>

#include "internal.h"

#define CSV_BUF 65536

struct RevopsCsv {
  RevopsCsvRead xRead;
  void *pArg;
  unsigned char *aIn; /* input buffer */
  size_t nIn, iIn;    /* bytes in the buffer, next byte to read */
  int eof;            /* xRead reported the end */
  int readErr;        /* xRead failed */
  int started;        /* the BOM check is done */
  int64_t nextLine;   /* line number of the next byte */
  int64_t line;       /* line where the current record started */
  RevopsBuf raw;      /* the record's text, without its line end */
  RevopsBuf fld;      /* field values, each followed by a NUL */
  size_t *aOff;       /* start of each field in fld */
  int nField, nFieldAlloc;
  int tooLong;        /* the record passed REVOPS_CSV_MAX_RECORD */
  int tooMany;        /* ... or REVOPS_CSV_MAX_FIELDS */
  char zErr[120];     /* the record's problem, "" when none */
  char zFatal[120];
  int nomem;          /* zFatal is an allocation failure */
};

RevopsCsv *revops_csv_new(RevopsCsvRead xRead, void *pArg) {
  RevopsCsv *p = revops_malloc(sizeof(*p));
  if (p == 0) return 0;
  memset(p, 0, sizeof(*p));
  p->aIn = revops_malloc(CSV_BUF);
  if (p->aIn == 0) {
    revops_free(p);
    return 0;
  }
  p->xRead = xRead;
  p->pArg = pArg;
  p->nextLine = 1;
  revops_buf_init(&p->raw);
  revops_buf_init(&p->fld);
  return p;
}

void revops_csv_free(RevopsCsv *p) {
  if (p == 0) return;
  revops_buf_reset(&p->raw);
  revops_buf_reset(&p->fld);
  revops_free(p->aOff);
  revops_free(p->aIn);
  revops_free(p);
}

/* Make at least one byte available; 0 at the end of the input. */
static int csv_fill(RevopsCsv *p) {
  long long n;
  if (p->iIn < p->nIn) return 1;
  if (p->eof) return 0;
  n = p->xRead(p->pArg, (char *)p->aIn, CSV_BUF);
  if (n <= 0) {
    if (n < 0) p->readErr = 1;
    p->eof = 1;
    p->nIn = p->iIn = 0;
    return 0;
  }
  p->nIn = (size_t)n;
  p->iIn = 0;
  return 1;
}

/* Next byte, or -1 at the end. */
static int csv_get(RevopsCsv *p) {
  if (!csv_fill(p)) return -1;
  return p->aIn[p->iIn++];
}

static int csv_peek(RevopsCsv *p) {
  if (!csv_fill(p)) return -1;
  return p->aIn[p->iIn];
}

/* The first problem of a record is the one reported. */
static void csv_flag(RevopsCsv *p, const char *zFmt, int iField) {
  if (p->zErr[0] == 0) revops_errf(p->zErr, sizeof(p->zErr), zFmt, iField);
}

static int csv_begin_field(RevopsCsv *p) {
  if (p->nField >= REVOPS_CSV_MAX_FIELDS) {
    p->tooMany = 1; /* later fields run into the last one: the record is an error */
    return 1;
  }
  if (p->nField == p->nFieldAlloc) {
    int nNew = p->nFieldAlloc ? p->nFieldAlloc * 2 : 16;
    size_t *aNew = revops_realloc(p->aOff, sizeof(size_t) * (size_t)nNew);
    if (aNew == 0) return 0;
    p->aOff = aNew;
    p->nFieldAlloc = nNew;
  }
  p->aOff[p->nField++] = p->fld.n;
  return 1;
}

static void csv_end_field(RevopsCsv *p) {
  if (!p->tooMany) revops_buf_append(&p->fld, "", 1);
}

/* Keep one byte of the record: in its raw text, and in the field value
** when toField.  Past the bound nothing more is kept. */
static inline void csv_keep(RevopsCsv *p, char ch, int toField) {
  if (p->raw.n >= REVOPS_CSV_MAX_RECORD) {
    p->tooLong = 1;
    return;
  }
  revops_buf_append(&p->raw, &ch, 1);
  /* Past REVOPS_CSV_MAX_FIELDS the record is an error: its later fields
  ** are kept in the raw text only, so the last field kept ends at its NUL. */
  if (toField && !p->tooMany) revops_buf_append(&p->fld, &ch, 1);
}

/* Length of the valid UTF-8 sequence at z (n bytes left), 0 if invalid.
** Overlong forms, surrogates and code points past U+10FFFF are invalid. */
static size_t csv_utf8_len(const unsigned char *z, size_t n) {
  unsigned c = z[0];
  size_t len, i;
  unsigned cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
  else return 0;
  if (n < len) return 0;
  for (i = 1; i < len; i++) {
    if ((z[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (z[i] & 0x3F);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return len;
}

int revops_csv_utf8_valid(const char *z, size_t n) {
  const unsigned char *u = (const unsigned char *)z;
  size_t i = 0;
  while (i < n) {
    size_t k = csv_utf8_len(u + i, n - i);
    if (k == 0) return 0;
    i += k;
  }
  return 1;
}

/* After a line-end byte c (CR or LF) was read: swallow the LF of a CRLF,
** count the line, and say whether it belongs in the raw text (it does
** inside quotes). */
static void csv_line_end(RevopsCsv *p, int c, int keep) {
  if (keep) csv_keep(p, c == '\r' ? '\r' : '\n', 0);
  if (c == '\r' && csv_peek(p) == '\n') {
    p->iIn++;
    if (keep) csv_keep(p, '\n', 0);
  }
  p->nextLine++;
}

int revops_csv_next(RevopsCsv *p) {
  int c, i;
  if (p->readErr || p->zFatal[0]) return -1;
  if (!p->started) {
    p->started = 1;
    /* A UTF-8 byte-order mark (Excel writes one) is not data. */
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    /* Gather the first three bytes, however the reader chunks them. */
    while (p->nIn < 3 && !p->eof) {
      long long n = p->xRead(p->pArg, (char *)p->aIn + p->nIn, CSV_BUF - p->nIn);
      if (n <= 0) {
        if (n < 0) p->readErr = 1;
        p->eof = 1;
      } else {
        p->nIn += (size_t)n;
      }
    }
    if (p->readErr) return -1;
    if (p->nIn >= 3 && memcmp(p->aIn, bom, 3) == 0) p->iIn = 3;
  }
  /* Empty lines are not records. */
  for (;;) {
    c = csv_peek(p);
    if (c == '\n' || c == '\r') {
      p->iIn++;
      csv_line_end(p, c, 0);
      continue;
    }
    break;
  }
  if (c < 0) return p->readErr ? -1 : 0;

  p->line = p->nextLine;
  p->raw.n = 0;
  p->fld.n = 0;
  p->nField = 0;
  p->zErr[0] = 0;
  p->tooLong = p->tooMany = 0;
  if (!csv_begin_field(p)) goto nomem;

  for (;;) {
    /* At the start of a field. */
    c = csv_get(p);
    if (c == '"') {
      csv_keep(p, '"', 0);
      for (;;) {
        c = csv_get(p);
        if (c < 0) {
          csv_flag(p, "field %d has an opening quote that is never closed", p->nField);
          csv_end_field(p);
          goto done;
        }
        if (c == '"') {
          csv_keep(p, '"', 0);
          if (csv_peek(p) == '"') {
            p->iIn++;
            csv_keep(p, '"', 1);
            continue;
          }
          break; /* the closing quote */
        }
        if (c == '\n' || c == '\r') {
          if (p->raw.n < REVOPS_CSV_MAX_RECORD && !p->tooMany) {
            revops_buf_append(&p->fld, c == '\r' ? "\r" : "\n", 1);
            if (c == '\r' && csv_peek(p) == '\n') revops_buf_append(&p->fld, "\n", 1);
          }
          csv_line_end(p, c, 1);
          continue;
        }
        if (c == 0) csv_flag(p, "field %d contains a NUL byte", p->nField);
        csv_keep(p, (char)c, 1);
      }
      /* After the closing quote only a separator or a line end may come;
      ** anything else is kept in the field and flagged. */
      c = csv_get(p);
      if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
        csv_flag(p, "field %d has text after its closing quote", p->nField);
        while (c != ',' && c != '\n' && c != '\r' && c >= 0) {
          if (c == 0) csv_flag(p, "field %d contains a NUL byte", p->nField);
          csv_keep(p, (char)c, 1);
          c = csv_get(p);
        }
      }
    } else {
      while (c != ',' && c != '\n' && c != '\r' && c >= 0) {
        if (c == '"') csv_flag(p, "field %d has a quote but does not start with one (quote the field and double the quote)", p->nField);
        if (c == 0) csv_flag(p, "field %d contains a NUL byte", p->nField);
        csv_keep(p, (char)c, 1);
        c = csv_get(p);
      }
    }
    csv_end_field(p);
    if (c == ',') {
      csv_keep(p, ',', 0);
      if (!csv_begin_field(p)) goto nomem;
      continue;
    }
    if (c == '\n' || c == '\r') csv_line_end(p, c, 0);
    break;
  }
done:
  if (p->raw.oom || p->fld.oom) goto nomem;
  /* A record cut at a bound is reported as that, whatever else it has. */
  if (p->tooLong) {
    revops_errf(p->zErr, sizeof(p->zErr), "the record is longer than %d bytes (the limit)",
                REVOPS_CSV_MAX_RECORD);
  } else if (p->tooMany) {
    revops_errf(p->zErr, sizeof(p->zErr), "the record has more than %d fields (the limit)",
                REVOPS_CSV_MAX_FIELDS);
  }
  if (p->zErr[0] == 0) {
    for (i = 0; i < p->nField; i++) {
      size_t n;
      const char *z = revops_csv_field(p, i, &n);
      if (!revops_csv_utf8_valid(z, n)) {
        csv_flag(p, "field %d is not valid UTF-8 (save the file as UTF-8)", i + 1);
        break;
      }
    }
  }
  if (p->readErr) return -1;
  return 1;
nomem:
  revops_errf(p->zFatal, sizeof(p->zFatal), "out of memory");
  p->nomem = 1;
  return -1;
}

int revops_csv_nfield(const RevopsCsv *p) { return p->nField; }

const char *revops_csv_field(const RevopsCsv *p, int i, size_t *pn) {
  size_t iEnd;
  if (i < 0 || i >= p->nField) {
    if (pn) *pn = 0;
    return "";
  }
  /* Each field is followed by its NUL; the next starts after it. */
  iEnd = i + 1 < p->nField ? p->aOff[i + 1] - 1 : p->fld.n - 1;
  if (pn) *pn = iEnd - p->aOff[i];
  return p->fld.z + p->aOff[i];
}

const char *revops_csv_raw(const RevopsCsv *p, size_t *pn) {
  if (pn) *pn = p->raw.n;
  return p->raw.n ? p->raw.z : "";
}

int64_t revops_csv_line(const RevopsCsv *p) { return p->line; }

const char *revops_csv_error(const RevopsCsv *p) {
  return p->zErr[0] ? p->zErr : 0;
}

int revops_csv_nomem(const RevopsCsv *p) { return p->nomem; }

const char *revops_csv_fatal(const RevopsCsv *p) {
  if (p->zFatal[0]) return p->zFatal;
  if (p->readErr) return "read error";
  return 0;
}
