/* The CSV reader: RFC 4180 edge cases, fed whole and one byte at a time so
** that every buffer boundary falls inside every construct. */
#include <stdlib.h>

#include "check.h"
#include "revops.h"

typedef struct Src {
  const char *z;
  size_t n, i, chunk;
  int failAt; /* byte offset at which the read fails, -1 = never */
} Src;

static long long src_read(void *pArg, char *zBuf, size_t n) {
  Src *s = (Src *)pArg;
  size_t k = s->n - s->i;
  if (s->failAt >= 0 && s->i >= (size_t)s->failAt) return -1;
  if (k > n) k = n;
  if (k > s->chunk) k = s->chunk;
  memcpy(zBuf, s->z + s->i, k);
  s->i += k;
  return (long long)k;
}

/* Every record as "line|error|f1|f2|..." joined by '\n' ('~' for no
** error), so a case states the whole parse in one string. */
static char *parse_all(const char *z, size_t n, size_t chunk) {
  Src s = {z, n, 0, chunk, -1};
  RevopsCsv *p = revops_csv_new(src_read, &s);
  char *zOut = calloc(1, 4096);
  size_t o = 0;
  int rc, i;
  while ((rc = revops_csv_next(p)) == 1) {
    const char *e = revops_csv_error(p);
    o += (size_t)snprintf(zOut + o, 4096 - o, "%s%lld|%s", o ? "\n" : "",
                          (long long)revops_csv_line(p), e ? e : "~");
    for (i = 0; i < revops_csv_nfield(p); i++) {
      o += (size_t)snprintf(zOut + o, 4096 - o, "|%s", revops_csv_field(p, i, 0));
    }
  }
  if (rc < 0) o += (size_t)snprintf(zOut + o, 4096 - o, "\nFATAL %s", revops_csv_fatal(p));
  revops_csv_free(p);
  return zOut;
}

/* The same parse whole and in chunks of 1, 2 and 3 bytes. */
static void check_parse(const char *zIn, size_t n, const char *zWant, int lineNo) {
  static const size_t aChunk[] = {1 << 20, 1, 2, 3};
  unsigned k;
  for (k = 0; k < sizeof(aChunk) / sizeof(aChunk[0]); k++) {
    char *z = parse_all(zIn, n, aChunk[k]);
    if (strcmp(z, zWant) == 0) {
      check_pass++;
    } else {
      check_fail++;
      printf("FAIL %s:%d (chunk %zu)\n     expected: %s\n     actual:   %s\n",
             __FILE__, lineNo, aChunk[k], zWant, z);
    }
    free(z);
  }
}
#define PARSE(in, want) check_parse(in, sizeof(in) - 1, want, __LINE__)

void test_csv(void) {
  /* Plain records, LF and CRLF, last line without a line end. */
  PARSE("a,b\n1,2\n", "1|~|a|b\n2|~|1|2");
  PARSE("a,b\r\n1,2\r\n", "1|~|a|b\n2|~|1|2");
  PARSE("a,b\r1,2", "1|~|a|b\n2|~|1|2");
  PARSE("a,b\n1,2", "1|~|a|b\n2|~|1|2");
  /* Empty fields, and a record of one empty quoted field. */
  PARSE("a,,c,\n\"\"\n", "1|~|a||c|\n2|~|");
  /* Empty lines are skipped but still counted. */
  PARSE("a\n\n\r\nb\n", "1|~|a\n4|~|b");
  /* BOM at the start is dropped; elsewhere it is data. */
  PARSE("\xEF\xBB\xBFid,x\n1,\xEF\xBB\xBF\n", "1|~|id|x\n2|~|1|\xEF\xBB\xBF");
  /* Quoting: separators, doubled quotes, embedded LF and CRLF; the next
  ** record's line number counts the embedded line ends. */
  PARSE("\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n\"crlf\r\ninside\",y\nlast,z\n",
        "1|~|a,b|say \"hi\"\n2|~|two\nlines|x\n4|~|crlf\r\ninside|y\n6|~|last|z");
  /* Malformed records are returned, flagged, and reading goes on. */
  PARSE("a,b\"c,d\ne,f\n",
        "1|field 2 has a quote but does not start with one (quote the field and double the quote)|a|b\"c|d\n2|~|e|f");
  PARSE("\"ab\"cd,e\nf\n", "1|field 1 has text after its closing quote|abcd|e\n2|~|f");
  PARSE("x,\"open\nrest\n", "1|field 2 has an opening quote that is never closed|x|open\nrest\n");
  PARSE("a,b\xff\n", "1|field 2 is not valid UTF-8 (save the file as UTF-8)|a|b\xff");
  PARSE("a,\xC3\xA9t\xC3\xA9\n", "1|~|a|\xC3\xA9t\xC3\xA9");
  /* Empty input, only a BOM, only blank lines: no records. */
  PARSE("", "");
  PARSE("\xEF\xBB\xBF", "");
  PARSE("\n\r\n", "");

  /* Raw text is the record as written, without its line end. */
  {
    static const char z[] = "h\n\"q,\"\"x\"\"\",2\r\nnext\n";
    Src s = {z, sizeof(z) - 1, 0, 1, -1};
    RevopsCsv *p = revops_csv_new(src_read, &s);
    size_t n;
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_STR(revops_csv_raw(p, &n), "\"q,\"\"x\"\"\",2");
    CHECK_INT(n, 11); /* 1 + 1 + 1 + 2 + 1 + 2 + 1 + 1 + 1 */
    CHECK_INT(revops_csv_nfield(p), 2);
    CHECK_STR(revops_csv_field(p, 5, &n), "");
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_STR(revops_csv_raw(p, 0), "next");
    CHECK_INT(revops_csv_next(p), 0);
    CHECK_INT(revops_csv_next(p), 0);
    revops_csv_free(p);
  }
  /* A NUL byte is flagged, not a string terminator. */
  {
    static const char z[] = "a,b\0c\n";
    Src s = {z, sizeof(z) - 1, 0, 64, -1};
    RevopsCsv *p = revops_csv_new(src_read, &s);
    size_t n;
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_STR(revops_csv_error(p), "field 2 contains a NUL byte");
    revops_csv_field(p, 1, &n);
    CHECK_INT(n, 3);
    revops_csv_free(p);
  }
  /* A read error is fatal and says so. */
  {
    static const char z[] = "a,b\nc,d\n";
    Src s = {z, sizeof(z) - 1, 0, 4, 4};
    RevopsCsv *p = revops_csv_new(src_read, &s);
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_INT(revops_csv_next(p), -1);
    CHECK_STR(revops_csv_fatal(p), "read error");
    revops_csv_free(p);
  }
  /* UTF-8 validation: overlong, surrogate, beyond U+10FFFF, truncated. */
  CHECK(revops_csv_utf8_valid("\xF0\x9F\x98\x80", 4));
  CHECK(!revops_csv_utf8_valid("\xC0\xAF", 2));
  CHECK(!revops_csv_utf8_valid("\xED\xA0\x80", 3));
  CHECK(!revops_csv_utf8_valid("\xF4\x90\x80\x80", 4));
  CHECK(!revops_csv_utf8_valid("\xE2\x82", 2));
  /* Many fields: the offset table grows. */
  {
    char z[400];
    int i, o = 0;
    Src s;
    RevopsCsv *p;
    for (i = 0; i < 100; i++) o += snprintf(z + o, sizeof(z) - (size_t)o, "%s%d", i ? "," : "", i);
    s.z = z;
    s.n = (size_t)o;
    s.i = 0;
    s.chunk = 7;
    s.failAt = -1;
    p = revops_csv_new(src_read, &s);
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_INT(revops_csv_nfield(p), 100);
    CHECK_STR(revops_csv_field(p, 99, 0), "99");
    CHECK_STR(revops_csv_field(p, 0, 0), "0");
    revops_csv_free(p);
  }
  /* Bounds (docs/data.md "Bounds"): a record past REVOPS_CSV_MAX_RECORD
  ** bytes, quoted or not, is an error of its own, its text cut at the
  ** bound, and the next record reads as usual; so is one with more than
  ** REVOPS_CSV_MAX_FIELDS fields. */
  {
    size_t nBig = REVOPS_CSV_MAX_RECORD + 100, i, n;
    char *z = malloc(nBig + 64);
    int quoted;
    for (quoted = 0; quoted < 2; quoted++) {
      Src s;
      RevopsCsv *p;
      size_t o = 0;
      z[o++] = 'a', z[o++] = ',';
      if (quoted) z[o++] = '"';
      for (i = 0; i < nBig; i++) z[o++] = (char)(quoted && i % 1000 == 0 ? '\n' : 'x');
      if (quoted) z[o++] = '"';
      memcpy(z + o, "\nnext,1\n", 8);
      o += 8;
      s.z = z, s.n = o, s.i = 0, s.chunk = 65536, s.failAt = -1;
      p = revops_csv_new(src_read, &s);
      CHECK_INT(revops_csv_next(p), 1);
      CHECK_STR(revops_csv_error(p), "the record is longer than 1048576 bytes (the limit)");
      revops_csv_raw(p, &n);
      CHECK_INT((long long)n, REVOPS_CSV_MAX_RECORD);
      CHECK_INT(revops_csv_next(p), 1);
      CHECK(revops_csv_error(p) == 0);
      CHECK_STR(revops_csv_field(p, 0, 0), "next");
      CHECK_INT(revops_csv_next(p), 0);
      revops_csv_free(p);
    }
    free(z);
  }
  {
    size_t nField = REVOPS_CSV_MAX_FIELDS + 5, i, o = 0;
    char *z = malloc(nField * 2 + 16);
    Src s;
    RevopsCsv *p;
    for (i = 0; i < nField; i++) z[o++] = 'f', z[o++] = ',';
    z[o - 1] = '\n';
    memcpy(z + o, "ok\n", 3);
    o += 3;
    s.z = z, s.n = o, s.i = 0, s.chunk = 1000, s.failAt = -1;
    p = revops_csv_new(src_read, &s);
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_STR(revops_csv_error(p), "the record has more than 1024 fields (the limit)");
    CHECK_INT(revops_csv_nfield(p), REVOPS_CSV_MAX_FIELDS);
    {
      /* The last field kept is itself, NUL-terminated (fuzz_csv found the
      ** later fields run into it, unterminated); a quoted line break in a
      ** later field changes nothing. */
      size_t n;
      const char *zLast = revops_csv_field(p, REVOPS_CSV_MAX_FIELDS - 1, &n);
      CHECK_INT((long long)n, 1);
      CHECK(zLast[n] == 0 && zLast[0] == 'f');
    }
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_STR(revops_csv_field(p, 0, 0), "ok");
    revops_csv_free(p);
    free(z);
  }
  /* Out of memory is told apart by a flag, not by the message's text: each
  ** allocation of a read fails in turn, and every -1 that is not the
  ** source's own read error says nomem.  A read error says it is not. */
  {
    static const char zIn[] = "id,name,amount\n1,\"a long, quoted\nname\",10\n2,b,20\n";
    int k, nNomem = 0, nClean = 0;
    for (k = 1; k <= 40; k++) {
      Src s = {zIn, sizeof(zIn) - 1, 0, 3, -1};
      RevopsCsv *p;
      int rc;
      check_alloc_fail = k;
      p = revops_csv_new(src_read, &s);
      if (p == 0) {
        check_alloc_fail = 0;
        continue;
      }
      while ((rc = revops_csv_next(p)) == 1) {}
      if (rc < 0) {
        nNomem++;
        CHECK_INT(revops_csv_nomem(p), 1);
        CHECK_STR(revops_csv_fatal(p), "out of memory");
      } else {
        nClean++;
        CHECK_INT(revops_csv_nomem(p), 0);
      }
      check_alloc_fail = 0;
      revops_csv_free(p);
    }
    CHECK(nNomem > 0); /* the walk reached an allocation inside a read */
    CHECK(nClean > 0); /* and went past the last one */
  }
  {
    Src s = {"a,b\n1,2\n", 8, 0, 2, 5};
    RevopsCsv *p = revops_csv_new(src_read, &s);
    CHECK_INT(revops_csv_next(p), 1);
    CHECK_INT(revops_csv_next(p), -1);
    CHECK_INT(revops_csv_nomem(p), 0);
    revops_csv_free(p);
  }
}
