/*
** internal.h — helpers shared by the files of ext/core (not public API).
*/
#ifndef REVOPS_INTERNAL_H
#define REVOPS_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "revops.h"

/* ------------------------------------------------------- growable buffer */
/* A string builder that records the first allocation failure in `oom` and
** then ignores further appends, so callers check once at the end. */
typedef struct RevopsBuf {
  char *z;
  size_t n, nAlloc;
  int oom;
} RevopsBuf;

void revops_buf_init(RevopsBuf *b);
/* Make room for n more bytes (and the NUL); 0 after an allocation failure. */
int revops_buf_grow(RevopsBuf *b, size_t n);
/* Explainers build a JSON document per group over millions of groups:
** appending is inline, with the allocation out of line. */
static inline void revops_buf_append(RevopsBuf *b, const char *z, size_t n) {
  if (b->n + n + 1 > b->nAlloc && !revops_buf_grow(b, n)) return;
  memcpy(b->z + b->n, z, n);
  b->n += n;
  b->z[b->n] = 0;
}
/* Append a string literal without strlen. */
#define revops_buf_lit(b, lit) revops_buf_append((b), (lit), sizeof(lit) - 1)
void revops_buf_str(RevopsBuf *b, const char *z);
void revops_buf_int(RevopsBuf *b, int64_t v);
/* A number in JSON syntax whatever the C locale: integers without a
** decimal point, others with up to 15 significant digits. */
void revops_buf_num(RevopsBuf *b, double v);
/* A JSON string literal, quotes included.  What is not well-formed UTF-8
** becomes U+FFFD (as revops_buf_utf8), so the result is valid UTF-8 and
** JSON. */
void revops_buf_json_string(RevopsBuf *b, const char *z, size_t n);
/* Append z[0..n) with what is not well-formed UTF-8 replaced by U+FFFD,
** one per maximal ill-formed subpart (as Python's "replace" decoding). */
void revops_buf_utf8(RevopsBuf *b, const char *z, size_t n);
/* Length of the well-formed UTF-8 sequence starting at z (1..4), or minus
** the length of its maximal ill-formed subpart (-1..-3). */
int revops_utf8_len(const char *z, size_t n);
/* Offset of the first byte that is not well-formed UTF-8, or n. */
size_t revops_utf8_invalid_at(const char *z, size_t n);
/* NUL-terminated result owned by the caller (revops_free), or NULL on OOM
** (the buffer is freed either way). */
char *revops_buf_finish(RevopsBuf *b);
void revops_buf_reset(RevopsBuf *b);

/* Locale-independent "%.15g" into z (at least 32 bytes). */
void revops_fmt_num(char *z, size_t n, double v);
/* Bounded snprintf for reasons; never touches floats (locale). */
void revops_errf(char *zErr, size_t nErr, const char *zFmt, ...);

/* ------------------------------------------------------------ JSON input */
/* A small strict JSON reader for configuration values (lead models and
** the like): the whole document becomes a flat array of nodes. */
enum { REVOPS_JNULL, REVOPS_JFALSE, REVOPS_JTRUE, REVOPS_JNUMBER,
       REVOPS_JSTRING, REVOPS_JARRAY, REVOPS_JOBJECT };

typedef struct RevopsJsonNode {
  int type;
  int iNext;        /* next sibling, or -1 */
  int iChild;       /* first child of an array/object, or -1 */
  int nChild;
  const char *zKey; /* member name when the parent is an object */
  const char *zStr; /* decoded string value (REVOPS_JSTRING) */
  double num;       /* REVOPS_JNUMBER */
  int isInt;        /* number written without fraction or exponent */
  int64_t iNum;
  size_t oKey, oStr; /* arena offsets + 1 while parsing */
} RevopsJsonNode;

typedef struct RevopsJson {
  RevopsJsonNode *aNode;
  int nNode, nAlloc;
  char *zArena; /* decoded strings */
  size_t nArena, nArenaAlloc;
} RevopsJson;

/* Parse zJson[0..n).  REVOPS_ERROR with a reason (and byte offset) in zErr,
** REVOPS_NOMEM when out of memory.  Always call revops_json_free afterwards.
** Documents over REVOPS_JSON_MAX_BYTES are refused before parsing. */
#define REVOPS_JSON_MAX_BYTES (16u * 1024 * 1024)
int revops_json_parse(RevopsJson *p, const char *zJson, size_t n, char *zErr,
                      size_t nErr);
void revops_json_free(RevopsJson *p);
/* Member zKey of object node iObj, or -1. */
int revops_json_member(const RevopsJson *p, int iObj, const char *zKey);
const char *revops_json_type_name(int type);

#endif /* REVOPS_INTERNAL_H */
