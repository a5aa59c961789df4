/*
** buf.c — string building and number formatting that ignore the C locale.
**
** An extension runs inside someone else's process: Python, an ODBC driver,
** a BI tool, any of which may have called setlocale().  printf("%g") would
** then write "0,5" into JSON.  Numbers are formatted here instead.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void revops_buf_init(RevopsBuf *b) { memset(b, 0, sizeof(*b)); }

void revops_buf_reset(RevopsBuf *b) {
  revops_free(b->z);
  revops_buf_init(b);
}

int revops_buf_grow(RevopsBuf *b, size_t nNeed) {
  size_t nNew;
  char *zNew;
  if (b->oom) return 0;
  if (b->n + nNeed + 1 <= b->nAlloc) return 1;
  nNew = b->nAlloc ? b->nAlloc * 2 : 1024;
  while (nNew < b->n + nNeed + 1) nNew *= 2;
  zNew = revops_realloc(b->z, nNew);
  if (zNew == 0) {
    b->oom = 1;
    return 0;
  }
  b->z = zNew;
  b->nAlloc = nNew;
  return 1;
}

void revops_buf_str(RevopsBuf *b, const char *z) {
  revops_buf_append(b, z, strlen(z));
}

void revops_buf_int(RevopsBuf *b, int64_t v) {
  char z[24];
  if (v > -100 && v < 100) { /* most explainer numbers: points and counts */
    int64_t a = v < 0 ? -v : v;
    char *p = z + 3;
    *p = (char)('0' + a % 10);
    if (a >= 10) *--p = (char)('0' + a / 10);
    if (v < 0) *--p = '-';
    revops_buf_append(b, p, (size_t)(z + 4 - p));
    return;
  }
  int i = (int)sizeof(z);
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    z[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) z[--i] = '-';
  revops_buf_append(b, z + i, sizeof(z) - (size_t)i);
}

void revops_fmt_num(char *z, size_t n, double v) {
  if (!isfinite(v)) {
    snprintf(z, n, "null"); /* JSON has no NaN or Infinity */
    return;
  }
  if (v == floor(v) && fabs(v) < 1e15) {
    snprintf(z, n, "%lld", (long long)v);
    return;
  }
  snprintf(z, n, "%.15g", v);
  for (char *p = z; *p; p++) {
    /* The only locale-dependent character %g writes is the radix. */
    if (*p != '-' && *p != '+' && *p != 'e' && (*p < '0' || *p > '9')) {
      *p = '.';
    }
  }
}

void revops_buf_num(RevopsBuf *b, double v) {
  char z[40];
  revops_fmt_num(z, sizeof(z), v);
  revops_buf_str(b, z);
}

/* Length of the well-formed UTF-8 sequence at z (RFC 3629: no overlong
** forms, no surrogates, nothing past U+10FFFF), or minus the length of
** its longest ill-formed start (the "maximal subpart" of Unicode 3.9,
** which one U+FFFD replaces, as Python's and the WHATWG decoders do). */
int revops_utf8_len(const char *zIn, size_t n) {
  const unsigned char *z = (const unsigned char *)zIn;
  unsigned char c = z[0], lo = 0x80, hi = 0xBF;
  int len, k;
  if (c < 0x80) return 1;
  if (c < 0xC2 || c > 0xF4) return -1;
  len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (c == 0xE0) lo = 0xA0;
  else if (c == 0xED) hi = 0x9F;
  else if (c == 0xF0) lo = 0x90;
  else if (c == 0xF4) hi = 0x8F;
  for (k = 1; k < len; k++) {
    if ((size_t)k >= n || z[k] < lo || z[k] > hi) return -k;
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}

size_t revops_utf8_invalid_at(const char *z, size_t n) {
  size_t i = 0;
  while (i < n) {
    int len;
    if ((unsigned char)z[i] < 0x80) {
      i++;
      continue;
    }
    len = revops_utf8_len(z + i, n - i);
    if (len < 0) return i;
    i += (size_t)len;
  }
  return n;
}

/* U+FFFD REPLACEMENT CHARACTER, for each maximal ill-formed subpart
** (docs/security.md). */
static const char zReplacement[] = "\xEF\xBF\xBD";

/* At z[i], a byte >= 0x80: step over a well-formed sequence, or write
** the text before it and U+FFFD for its ill-formed subpart.  Returns the
** next index; *piStart is where the text not yet written starts. */
static size_t buf_utf8_at(RevopsBuf *b, const char *z, size_t n, size_t i, size_t *piStart) {
  int len = revops_utf8_len(z + i, n - i);
  if (len > 0) return i + (size_t)len;
  revops_buf_append(b, z + *piStart, i - *piStart);
  revops_buf_append(b, zReplacement, 3);
  *piStart = i + (size_t)-len;
  return *piStart;
}

void revops_buf_utf8(RevopsBuf *b, const char *z, size_t n) {
  size_t i = 0, iStart = 0;
  while (i < n) {
    if ((unsigned char)z[i] < 0x80) i++;
    else i = buf_utf8_at(b, z, n, i, &iStart);
  }
  revops_buf_append(b, z + iStart, n - iStart);
}

void revops_buf_json_string(RevopsBuf *b, const char *z, size_t n) {
  static const char hex[] = "0123456789abcdef";
  size_t i = 0, iStart = 0;
  revops_buf_append(b, "\"", 1);
  while (i < n) {
    unsigned char c = (unsigned char)z[i];
    if (c >= 0x80) {
      /* Text is passed through as UTF-8; what is not UTF-8 becomes
      ** U+FFFD, so every reader can decode the result. */
      i = buf_utf8_at(b, z, n, i, &iStart);
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      i++;
      continue;
    }
    revops_buf_append(b, z + iStart, i - iStart);
    iStart = ++i;
    if (c == '"' || c == '\\') {
      char e[2] = {'\\', (char)c};
      revops_buf_append(b, e, 2);
    } else if (c == '\n') {
      revops_buf_append(b, "\\n", 2);
    } else if (c == '\t') {
      revops_buf_append(b, "\\t", 2);
    } else if (c == '\r') {
      revops_buf_append(b, "\\r", 2);
    } else {
      char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      revops_buf_append(b, e, 6);
    }
  }
  revops_buf_append(b, z + iStart, n - iStart);
  revops_buf_append(b, "\"", 1);
}

char *revops_buf_finish(RevopsBuf *b) {
  char *z;
  if (b->oom) {
    revops_buf_reset(b);
    return 0;
  }
  if (b->z == 0 && revops_buf_grow(b, 0)) b->z[0] = 0;
  z = b->oom ? 0 : b->z;
  revops_buf_init(b);
  return z;
}

void revops_errf(char *zErr, size_t nErr, const char *zFmt, ...) {
  va_list ap;
  if (zErr == 0 || nErr == 0) return;
  va_start(ap, zFmt);
  vsnprintf(zErr, nErr, zFmt, ap);
  va_end(ap);
}

void revops_buf_factor(RevopsBuf *b, const char *zName, int points, int max,
                       const char *zReason) {
  revops_buf_json_string(b, zName, strlen(zName));
  revops_buf_lit(b, ":{\"points\":");
  revops_buf_int(b, points);
  revops_buf_lit(b, ",\"max\":");
  revops_buf_int(b, max);
  revops_buf_lit(b, ",\"reason\":");
  revops_buf_json_string(b, zReason, strlen(zReason));
  revops_buf_lit(b, "}");
}
