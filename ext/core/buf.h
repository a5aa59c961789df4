/*
** buf.h — the growable text buffer and locale-independent number
** formatting, shared by ext/core, the bindings that build text or JSON
** results (ext/sqlite/) and the import module (ext/import/: its readers,
** the loader's reasons and summaries).  The rest of the core's helpers are
** private to ext/core (internal.h).
*/
#ifndef REVOPS_BUF_H
#define REVOPS_BUF_H

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
/* One scored factor of an explainer, the shape account health, churn risk
** and deal health share: "NAME":{"points":P,"max":M,"reason":"R"}. */
void revops_buf_factor(RevopsBuf *b, const char *zName, int points, int max,
                       const char *zReason);
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

/* ------------------------------------------------ the explainers' JSON */
/* The JSON documents of the explainers, written here once so that every
** binding (ext/sqlite, ext/postgres) returns the same text.  Each appends
** to b; the caller checks b->oom once at the end. */

/* deal_health_factors: {"score":..,"status":..,"factors":{..},"flags":[..]},
** after revops_deal_health and revops_deal_health_reasons. */
void revops_deal_health_json(RevopsBuf *b, const RevopsDealHealth *h);
/* customer_health_factors, churn_risk_factors:
** {"score":..,"<zLabel>":"<zBand>","factors":{name:{points,max,reason},..}} */
void revops_score_json(RevopsBuf *b, const RevopsScore *s, const char *zLabel,
                       const char *zBand);
/* A name lead_score_explain's model does not know, with its count in the
** group (the list is sorted by name: bytes, then length). */
typedef struct RevopsLeadUnknown {
  char *zName;
  size_t nName;
  int64_t n;
} RevopsLeadUnknown;
/* lead_score_explain's document for one group's state. */
void revops_lead_explain_json(RevopsBuf *b, const RevopsLeadModel *m,
                              const RevopsLeadState *st, int64_t asOfMs,
                              const RevopsLeadUnknown *aUnknown, int nUnknown,
                              int64_t nFuture);

#endif /* REVOPS_BUF_H */
