/*
** date.c — ISO-8601 dates as integer milliseconds.
**
** Every revops function that takes a date reads it here, so they all agree
** on what a date is.  Times are kept as int64 milliseconds since
** 1970-01-01T00:00:00Z, which makes "whole days between" an exact integer
** division instead of a floating-point julianday() difference.
**
** Differences from SQLite's date functions, on purpose (docs/conventions.md):
** the calendar is checked ('2026-02-30' is an error, where date() would
** quietly roll it over to March 2nd), and numbers are not dates.
*/
#include "revops.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
** days_from_civil, exact for every year revops accepts). */
int64_t revops_days_from_civil(int y, int m, int d) {
  int64_t yy = (int64_t)y - (m <= 2);
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t yoe = yy - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void revops_civil_from_days(int64_t z, int *pY, int *pM, int *pD) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *pY = (int)(yoe + era * 400 + (m <= 2));
  *pM = m;
  *pD = d;
}

static int date_days_in_month(int y, int m) {
  static const unsigned char aDays[] = {31, 28, 31, 30, 31, 30,
                                        31, 31, 30, 31, 30, 31};
  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 29;
  return aDays[m - 1];
}

/* Read exactly nDigit decimal digits at z[*pi]. */
static int date_digits(const char *z, size_t n, size_t *pi, int nDigit,
                       int *pVal) {
  int v = 0;
  if (*pi + (size_t)nDigit > n) return 0;
  for (int k = 0; k < nDigit; k++) {
    char c = z[*pi + (size_t)k];
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  *pi += (size_t)nDigit;
  *pVal = v;
  return 1;
}

int revops_parse_datetime(const char *z, size_t n, int64_t *pMs) {
  size_t i = 0;
  int y, mo, d, h = 0, mi = 0, s = 0, ms = 0, tz = 0;
  if (z == 0) return REVOPS_ERROR;
  if (!date_digits(z, n, &i, 4, &y)) return REVOPS_ERROR;
  if (i >= n || z[i++] != '-') return REVOPS_ERROR;
  if (!date_digits(z, n, &i, 2, &mo)) return REVOPS_ERROR;
  if (i >= n || z[i++] != '-') return REVOPS_ERROR;
  if (!date_digits(z, n, &i, 2, &d)) return REVOPS_ERROR;
  if (mo < 1 || mo > 12 || d < 1 || d > date_days_in_month(y, mo)) {
    return REVOPS_ERROR;
  }
  if (i < n && (z[i] == ' ' || z[i] == 'T')) {
    i++;
    if (!date_digits(z, n, &i, 2, &h)) return REVOPS_ERROR;
    if (i >= n || z[i++] != ':') return REVOPS_ERROR;
    if (!date_digits(z, n, &i, 2, &mi)) return REVOPS_ERROR;
    if (i < n && z[i] == ':') {
      i++;
      if (!date_digits(z, n, &i, 2, &s)) return REVOPS_ERROR;
      if (i < n && z[i] == '.') {
        /* Fractional seconds: keep milliseconds, ignore further digits. */
        int scale = 100, nFrac = 0;
        i++;
        while (i < n && z[i] >= '0' && z[i] <= '9') {
          if (scale > 0) ms += (z[i] - '0') * scale;
          scale /= 10;
          i++;
          nFrac++;
        }
        if (nFrac == 0) return REVOPS_ERROR;
      }
    }
    if (h > 23 || mi > 59 || s > 59) return REVOPS_ERROR;
    if (i < n && z[i] == 'Z') {
      i++;
    } else if (i < n && (z[i] == '+' || z[i] == '-')) {
      int sign = z[i] == '+' ? 1 : -1, th, tm;
      i++;
      if (!date_digits(z, n, &i, 2, &th)) return REVOPS_ERROR;
      if (i < n && z[i] == ':') i++;
      if (!date_digits(z, n, &i, 2, &tm)) return REVOPS_ERROR;
      if (th > 14 || tm > 59) return REVOPS_ERROR;
      tz = sign * (th * 60 + tm);
    }
  }
  if (i != n) return REVOPS_ERROR;
  *pMs = revops_days_from_civil(y, mo, d) * REVOPS_MS_PER_DAY +
         (int64_t)(((h * 60 + mi - tz) * 60 + s)) * 1000 + ms;
  /* An offset can carry 9999-12-31 into the year 10000, or 0000-01-01
  ** into the year -1, which no four-digit date can name (found by
  ** tests/fuzz/fuzz_date.c: they were written back as 0000-01-01 and
  ** 000/-12-31). */
  if (*pMs < revops_days_from_civil(0, 1, 1) * REVOPS_MS_PER_DAY ||
      *pMs >= revops_days_from_civil(10000, 1, 1) * REVOPS_MS_PER_DAY) {
    return REVOPS_ERROR;
  }
  return REVOPS_OK;
}

int64_t revops_days_between(int64_t fromMs, int64_t toMs) {
  int64_t diff = toMs - fromMs;
  int64_t q = diff / REVOPS_MS_PER_DAY;
  if (diff % REVOPS_MS_PER_DAY != 0 && diff < 0) q--; /* floor */
  return q;
}

void revops_format_date(int64_t ms, char *zOut) {
  int64_t days = ms / REVOPS_MS_PER_DAY;
  int y, m, d;
  if (ms % REVOPS_MS_PER_DAY != 0 && ms < 0) days--;
  revops_civil_from_days(days, &y, &m, &d);
  zOut[0] = (char)('0' + (y / 1000) % 10);
  zOut[1] = (char)('0' + (y / 100) % 10);
  zOut[2] = (char)('0' + (y / 10) % 10);
  zOut[3] = (char)('0' + y % 10);
  zOut[4] = '-';
  zOut[5] = (char)('0' + m / 10);
  zOut[6] = (char)('0' + m % 10);
  zOut[7] = '-';
  zOut[8] = (char)('0' + d / 10);
  zOut[9] = (char)('0' + d % 10);
  zOut[10] = 0;
}
