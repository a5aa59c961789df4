/*
** values.c — CSV text to typed values, the way the import reads them
** (docs/data.md "Values").  No SQLite calls: pure functions the loader
** (check.c, read.c, resolve.c) and mapping.c share.
**
**   numbers   plain decimal (1200.50, -3, 1e3); no currency sign, no
**             thousands separator, no percent sign;
**   booleans  1/0, true/false, yes/no, t/f, y/n (any case);
**   dates     ISO 8601: 2026-01-05, 2026-01-05T10:30:00Z,
**             2024-01-22T16:14:25.000+0000, 2026-01-05 10:30:00+01:00 (the
**             instant's UTC day); and, with a date order (MDY, DMY, YMD),
**             1/5/2026, 01/05/26, 5-1-26, 5.1.2026, optionally followed by a
**             time (10:30, 10:30:15, 10:30 PM).  Two-digit years: 00-68 are
**             2000-2068, 69-99 are 1969-1999 (the POSIX strptime pivot).
**
** Owns: the accepted forms of numbers, booleans, dates and months, and the
** date-order evidence of one value.
** Must not: call SQLite, allocate, or word a problem: the loader's
** check.c says why a value is refused.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "impvalues.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* JSON number syntax: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, but
** leading zeros allowed (CSV exports write 007). */
static int num_syntax(const char *z, size_t n, int *pIsInt) {
  size_t i = 0;
  int nd = 0;
  *pIsInt = 1;
  if (i < n && (z[i] == '-' || z[i] == '+')) i++;
  while (i < n && is_digit(z[i])) i++, nd++;
  if (i < n && z[i] == '.') {
    int nf = 0;
    i++;
    while (i < n && is_digit(z[i])) i++, nf++;
    if (nf == 0 && nd == 0) return 0;
    *pIsInt = 0;
    nd += nf;
  }
  if (nd == 0) return 0;
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    int ne = 0;
    i++;
    if (i < n && (z[i] == '-' || z[i] == '+')) i++;
    while (i < n && is_digit(z[i])) i++, ne++;
    if (ne == 0) return 0;
    *pIsInt = 0;
  }
  return i == n;
}

/* Decimal text to the nearest double, independent of the C locale: exact
** (correctly rounded) when the digits fit 2^53 and the power of ten is at
** most 22 — every amount an export writes; otherwise strtod on a copy with
** '.' (only digits, sign, '.', 'e' reach here). */
static double num_value(const char *z, size_t n) {
  static const double aPow[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  int neg = 0, exp10 = 0, nSig = 0, eneg = 0, e = 0;
  uint64_t m = 0;
  char zBuf[64];
  if (z[i] == '-' || z[i] == '+') neg = z[i++] == '-';
  while (i < n && z[i] == '0') i++;
  for (; i < n && is_digit(z[i]); i++) {
    if (nSig < 19) m = m * 10 + (uint64_t)(z[i] - '0'), nSig++;
    else exp10++;
  }
  if (i < n && z[i] == '.') {
    i++;
    if (m == 0) {
      while (i < n && z[i] == '0') i++, exp10--;
    }
    for (; i < n && is_digit(z[i]); i++) {
      if (nSig < 19) m = m * 10 + (uint64_t)(z[i] - '0'), nSig++, exp10--;
    }
  }
  if (i < n && (z[i] == 'e' || z[i] == 'E')) {
    i++;
    if (z[i] == '-' || z[i] == '+') eneg = z[i++] == '-';
    for (; i < n && is_digit(z[i]); i++) {
      if (e < 100000) e = e * 10 + (z[i] - '0');
    }
    exp10 += eneg ? -e : e;
  }
  if (m == 0) return neg ? -0.0 : 0.0;
  if (m < ((uint64_t)1 << 53) && exp10 >= -22 && exp10 <= 22) {
    double d = (double)m;
    d = exp10 < 0 ? d / aPow[-exp10] : d * aPow[exp10];
    return neg ? -d : d;
  }
  if (n >= sizeof(zBuf)) return neg ? -HUGE_VAL : HUGE_VAL; /* out of range anyway */
  memcpy(zBuf, z, n);
  zBuf[n] = 0;
  return strtod(zBuf, 0);
}

int imp_parse_real(const char *z, size_t n, double *pOut) {
  int isInt;
  double d;
  if (!num_syntax(z, n, &isInt)) return 0;
  d = num_value(z, n);
  if (!(fabs(d) <= 1e15)) return 0;
  *pOut = d;
  return 1;
}

int imp_parse_int(const char *z, size_t n, int64_t *pOut) {
  int isInt;
  double d;
  if (!num_syntax(z, n, &isInt)) return 0;
  d = num_value(z, n);
  if (!(fabs(d) < 9e15) || d != floor(d)) return 0;
  *pOut = (int64_t)d;
  return 1;
}

static int ieq(const char *z, size_t n, const char *zLit) {
  size_t i;
  for (i = 0; i < n; i++) {
    char c = z[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (zLit[i] == 0 || c != zLit[i]) return 0;
  }
  return zLit[n] == 0;
}

int imp_parse_bool(const char *z, size_t n, int *pOut) {
  static const char *const azTrue[] = {"1", "true", "yes", "t", "y"};
  static const char *const azFalse[] = {"0", "false", "no", "f", "n"};
  int i;
  for (i = 0; i < 5; i++) {
    if (ieq(z, n, azTrue[i])) return *pOut = 1, 1;
    if (ieq(z, n, azFalse[i])) return *pOut = 0, 1;
  }
  return 0;
}

/* 'HH:MM[:SS[.fff]][ AM|PM]' at z[*pi..n): seconds of the day. */
static int parse_clock(const char *z, size_t n, size_t *pi, int *pSec) {
  size_t i = *pi;
  int h = 0, mi = 0, s = 0, nd = 0;
  while (i < n && is_digit(z[i]) && nd < 2) h = h * 10 + (z[i++] - '0'), nd++;
  if (nd == 0 || i >= n || z[i] != ':') return 0;
  i++;
  if (i + 2 > n || !is_digit(z[i]) || !is_digit(z[i + 1])) return 0;
  mi = (z[i] - '0') * 10 + (z[i + 1] - '0');
  i += 2;
  if (i < n && z[i] == ':') {
    i++;
    if (i + 2 > n || !is_digit(z[i]) || !is_digit(z[i + 1])) return 0;
    s = (z[i] - '0') * 10 + (z[i + 1] - '0');
    i += 2;
    if (i < n && z[i] == '.') {
      i++;
      if (i >= n || !is_digit(z[i])) return 0;
      while (i < n && is_digit(z[i])) i++;
    }
  }
  if (i + 3 <= n && z[i] == ' ' && (ieq(z + i + 1, 2, "am") || ieq(z + i + 1, 2, "pm"))) {
    int pm = z[i + 1] == 'p' || z[i + 1] == 'P';
    if (h < 1 || h > 12) return 0;
    h = h % 12 + (pm ? 12 : 0);
    i += 3;
  }
  if (h > 23 || mi > 59 || s > 59) return 0;
  *pi = i;
  *pSec = (h * 60 + mi) * 60 + s;
  return 1;
}

static int days_in_month(int y, int m) {
  static const unsigned char a[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 29;
  return a[m - 1];
}

int imp_pivot_year(int yy) { return yy <= 68 ? 2000 + yy : 1900 + yy; }

/* Three numbers separated by one of '/', '-', '.' (the same twice). */
static int split3(const char *z, size_t n, size_t *pi, int aVal[3], int aLen[3]) {
  size_t i = *pi;
  int k;
  char sep = 0;
  for (k = 0; k < 3; k++) {
    int v = 0, nd = 0;
    while (i < n && is_digit(z[i]) && nd < 4) v = v * 10 + (z[i++] - '0'), nd++;
    if (nd == 0) return 0;
    aVal[k] = v;
    aLen[k] = nd;
    if (k < 2) {
      if (i >= n) return 0;
      if (sep == 0 && (z[i] == '/' || z[i] == '-' || z[i] == '.')) sep = z[i];
      if (z[i] != sep) return 0;
      i++;
    }
  }
  *pi = i;
  return 1;
}

int imp_parse_date(const char *z, size_t n, int eOrder, int64_t *pMs, int *pWhy) {
  int a[3], len[3], y, m, d, sec = 0;
  size_t i = 0;
  *pWhy = IMP_DATE_BAD;
  /* ISO 8601 first: it is never ambiguous. */
  if (n >= 10 && is_digit(z[0]) && is_digit(z[1]) && is_digit(z[2]) && is_digit(z[3]) && z[4] == '-') {
    if (revops_parse_datetime(z, n, pMs) == REVOPS_OK) return 1;
    /* ISO 8601 basic offsets (+0000) are accepted by revops_parse_datetime;
    ** a 'T' date with seconds fraction and offset too. */
    return 0;
  }
  if (!split3(z, n, &i, a, len)) return 0;
  if (i < n) {
    if (z[i] != ' ' && z[i] != 'T') return 0;
    i++;
    if (!parse_clock(z, n, &i, &sec) || i != n) return 0;
  }
  if (len[0] == 4) { /* 2026/01/05: year first is never read as M/D or D/M */
    y = a[0], m = a[1], d = a[2];
    if (len[1] > 2 || len[2] > 2) return 0;
  } else {
    int first = a[0], second = a[1];
    if (len[0] > 2 || len[1] > 2 || (len[2] != 2 && len[2] != 4)) return 0;
    y = len[2] == 2 ? imp_pivot_year(a[2]) : a[2];
    if (eOrder == IMP_ORDER_MDY) {
      m = first, d = second;
    } else if (eOrder == IMP_ORDER_DMY) {
      d = first, m = second;
    } else if (eOrder == IMP_ORDER_YMD) {
      return 0; /* YMD files write four-digit years first */
    } else {
      /* No order known: only a value that decides it is read. */
      if (first > 12 && second <= 12) d = first, m = second;
      else if (second > 12 && first <= 12) m = first, d = second;
      else if (first == second) m = d = first;
      else {
        if (first <= 12 && second <= 12) *pWhy = IMP_DATE_AMBIGUOUS;
        return 0;
      }
    }
  }
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 || d > days_in_month(y, m)) return 0;
  *pMs = revops_days_from_civil(y, m, d) * REVOPS_MS_PER_DAY + (int64_t)sec * 1000;
  return 1;
}

int imp_date_evidence(const char *z, size_t n) {
  int a[3], len[3];
  size_t i = 0;
  if (n >= 5 && is_digit(z[0]) && is_digit(z[1]) && is_digit(z[2]) && is_digit(z[3])) return 0;
  if (!split3(z, n, &i, a, len) || len[0] > 2 || len[1] > 2) return 0;
  if (a[0] > 12 && a[0] <= 31 && a[1] >= 1 && a[1] <= 12) return IMP_ORDER_DMY;
  if (a[1] > 12 && a[1] <= 31 && a[0] >= 1 && a[0] <= 12) return IMP_ORDER_MDY;
  return 0;
}

void imp_format_date(int64_t ms, char *zOut) { revops_format_date(ms, zOut); }

void imp_format_datetime(int64_t ms, char *zOut) {
  int64_t days = ms / REVOPS_MS_PER_DAY, rem;
  int h, mi, s;
  if (ms % REVOPS_MS_PER_DAY != 0 && ms < 0) days--;
  rem = (ms - days * REVOPS_MS_PER_DAY) / 1000;
  revops_format_date(days * REVOPS_MS_PER_DAY, zOut);
  h = (int)(rem / 3600), mi = (int)(rem / 60 % 60), s = (int)(rem % 60);
  zOut[10] = ' ';
  zOut[11] = (char)('0' + h / 10), zOut[12] = (char)('0' + h % 10), zOut[13] = ':';
  zOut[14] = (char)('0' + mi / 10), zOut[15] = (char)('0' + mi % 10), zOut[16] = ':';
  zOut[17] = (char)('0' + s / 10), zOut[18] = (char)('0' + s % 10), zOut[19] = 0;
}

int imp_parse_month(const char *z, size_t n) {
  if (n != 7 || !is_digit(z[0]) || !is_digit(z[1]) || !is_digit(z[2]) || !is_digit(z[3]) ||
      z[4] != '-' || !is_digit(z[5]) || !is_digit(z[6])) {
    return 0;
  }
  return (z[5] - '0') * 10 + (z[6] - '0') >= 1 && (z[5] - '0') * 10 + (z[6] - '0') <= 12;
}
