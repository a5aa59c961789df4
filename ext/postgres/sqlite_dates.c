/*
** sqlite_dates.c — SQLite's date and time functions for the dialect layer
** (ext/postgres/sqlite_dialect.sql creates revops_sqlite.date, datetime,
** julianday and strftime on these bodies; they are not part of the revops
** extension's API, tests/postgres checks them against SQLite's own).
**
** The views call them per row, so they are C, on ext/core's calendar:
** the input is ISO-8601 text (or a date or timestamp value), 'now' is the
** transaction's start; the modifiers are those SQLite documents that the
** views use: +/-N days, hours, minutes, seconds, months, years ('+1 month'
** keeps the day and lets it run past the month's end, as SQLite does:
** 2026-01-31 +1 month is 2026-03-03), start of month, start of year, start
** of day, weekday N.  Anything else gives NULL, as SQLite gives NULL for
** what it cannot read.
*/
#include "postgres.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmgr.h"
#include "access/xact.h"
#include "lib/stringinfo.h"
#include "utils/timestamp.h"
#include "utils/builtins.h"

#include "pg_revops.h"

#define MS_DAY INT64CONST(86400000)

static int64 floor_div(int64 a, int64 b) {
  int64 q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int word_eq(const char *z, int n, const char *w) {
  int i;
  if ((int)strlen(w) != n) return 0;
  for (i = 0; i < n; i++) {
    char ch = z[i];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    if (ch != w[i]) return 0;
  }
  return 1;
}

/* Apply one modifier to *pMs; 0 when it is not one SQLite would take. */
static int apply_modifier(const char *z0, int n0, int64 *pMs) {
  const char *z = z0, *e = z0 + n0;
  char num[64], unit[16];
  int k, y, m, d;
  double v;
  int64 day, tod;
  while (z < e && (*z == ' ' || *z == '\t')) z++;
  while (e > z && (e[-1] == ' ' || e[-1] == '\t')) e--;
  day = floor_div(*pMs, MS_DAY);
  tod = *pMs - day * MS_DAY;
  if (word_eq(z, (int)(e - z), "start of month") || word_eq(z, (int)(e - z), "start of year")) {
    revops_civil_from_days(day, &y, &m, &d);
    *pMs = revops_days_from_civil(y, (e - z) == 14 ? m : 1, 1) * MS_DAY;
    return 1;
  }
  if (word_eq(z, (int)(e - z), "start of day")) {
    *pMs = day * MS_DAY;
    return 1;
  }
  if (e - z == 9 && word_eq(z, 8, "weekday ") && z[8] >= '0' && z[8] <= '6') {
    int want = z[8] - '0', dow = (int)(((day % 7) + 11) % 7); /* 1970-01-01 was a Thursday (4) */
    *pMs += (int64)((want - dow + 7) % 7) * MS_DAY;
    return 1;
  }
  for (k = 0; z < e && k < (int)sizeof(num) - 1 && (strchr("+-.0123456789", *z) != 0); z++) num[k++] = *z;
  num[k] = 0;
  if (k == 0) return 0;
  while (z < e && *z == ' ') z++;
  for (k = 0; z < e && k < (int)sizeof(unit) - 1 && *z != ' '; z++) {
    char ch = *z;
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
    unit[k++] = ch;
  }
  unit[k] = 0;
  if (z != e) return 0;
  if (k > 1 && unit[k - 1] == 's') unit[--k] = 0;
  {
    char *end;
    v = strtod(num, &end);
    if (*end != 0 || !isfinite(v) || fabs(v) > 1e9) return 0;
  }
  if (strcmp(unit, "month") == 0 || strcmp(unit, "year") == 0) {
    int64 mm;
    revops_civil_from_days(day, &y, &m, &d);
    mm = (int64)y * 12 + (m - 1) + (int64)trunc(v) * (unit[0] == 'y' ? 12 : 1);
    y = (int)floor_div(mm, 12);
    m = (int)(mm - (int64)y * 12) + 1;
    *pMs = (revops_days_from_civil(y, m, 1) + d - 1) * MS_DAY + tod;
    return 1;
  }
  if (strcmp(unit, "day") == 0) v *= 86400000.0;
  else if (strcmp(unit, "hour") == 0) v *= 3600000.0;
  else if (strcmp(unit, "minute") == 0) v *= 60000.0;
  else if (strcmp(unit, "second") == 0) v *= 1000.0;
  else return 0;
  *pMs += (int64)(v < 0 ? v - 0.5 : v + 0.5);
  return 1;
}

/* The instant of the arguments (input, modifiers...): 0 for NULL. */
static int dates_instant(FunctionCallInfo fcinfo, PgCall *c, int iFirst, int64 *pMs) {
  PgValue v;
  int i;
  int64_t ms = 0;
  pg_value(fcinfo, c, iFirst, &v);
  if (v.eType == PGV_DATE) ms = v.ms;
  else if (v.eType != PGV_TEXT) return 0;
  else if (v.n == 3 && word_eq(v.z, 3, "now")) {
    ms = floor_div(GetCurrentTransactionStartTimestamp(), 1000) + INT64CONST(946684800000);
  } else if (revops_parse_datetime(v.z, (size_t)v.n, &ms) != REVOPS_OK) {
    return 0;
  }
  for (i = iFirst + 1; i < PG_NARGS(); i++) {
    int64 m = ms;
    pg_value(fcinfo, c, i, &v);
    if (v.eType != PGV_TEXT || !apply_modifier(v.z, v.n, &m)) return 0;
    ms = m;
  }
  /* years 0000-9999, as SQLite */
  if (ms < INT64CONST(-62167219200000) || ms > INT64CONST(253402300799999)) return 0;
  *pMs = ms;
  return 1;
}

static void fmt_datetime(int64 ms, char *z, size_t n, int withTime) {
  int64 day = floor_div(ms, MS_DAY), tod = ms - day * MS_DAY;
  int y, m, d;
  revops_civil_from_days(day, &y, &m, &d);
  if (withTime) {
    snprintf(z, n, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(tod / 3600000),
             (int)(tod / 60000 % 60), (int)(tod / 1000 % 60));
  } else {
    snprintf(z, n, "%04d-%02d-%02d", y, m, d);
  }
}

static Datum dateBody(FunctionCallInfo fcinfo, PgCall *c) {
  int64 ms;
  char z[40];
  if (!dates_instant(fcinfo, c, 0, &ms)) PG_RETURN_NULL();
  fmt_datetime(ms, z, sizeof(z), c->f->pArg != 0);
  return pg_text(z);
}

static Datum juliandayBody(FunctionCallInfo fcinfo, PgCall *c) {
  int64 ms;
  if (!dates_instant(fcinfo, c, 0, &ms)) PG_RETURN_NULL();
  PG_RETURN_FLOAT8((double)(ms + INT64CONST(210866760000000)) / 86400000.0);
}

static Datum strftimeBody(FunctionCallInfo fcinfo, PgCall *c) {
  PgValue f;
  int64 ms, day, tod;
  int y, m, d, i;
  StringInfoData s;
  pg_value(fcinfo, c, 0, &f);
  if (f.eType != PGV_TEXT || !dates_instant(fcinfo, c, 1, &ms)) PG_RETURN_NULL();
  day = floor_div(ms, MS_DAY);
  tod = ms - day * MS_DAY;
  revops_civil_from_days(day, &y, &m, &d);
  initStringInfo(&s);
  for (i = 0; i < f.n; i++) {
    if (f.z[i] != '%' || i + 1 == f.n) {
      appendStringInfoChar(&s, f.z[i]);
      continue;
    }
    switch (f.z[++i]) {
      case 'Y': appendStringInfo(&s, "%04d", y); break;
      case 'm': appendStringInfo(&s, "%02d", m); break;
      case 'd': appendStringInfo(&s, "%02d", d); break;
      case 'H': appendStringInfo(&s, "%02d", (int)(tod / 3600000)); break;
      case 'M': appendStringInfo(&s, "%02d", (int)(tod / 60000 % 60)); break;
      case 'S': appendStringInfo(&s, "%02d", (int)(tod / 1000 % 60)); break;
      case 'j': appendStringInfo(&s, "%03d", (int)(day - revops_days_from_civil(y, 1, 1) + 1)); break;
      case 'w': appendStringInfo(&s, "%d", (int)(((day % 7) + 11) % 7)); break;
      case 's': appendStringInfo(&s, INT64_FORMAT, floor_div(ms, 1000)); break;
      case '%': appendStringInfoChar(&s, '%'); break;
      default: PG_RETURN_NULL(); /* SQLite: an unknown conversion is NULL */
        break;
    }
  }
  return pg_text(s.data);
}

static const int kWithTime = 1;

static const PgFunc aFunc[] = {
    {"date", dateBody, 0},
    {"datetime", dateBody, &kWithTime},
    {"julianday", juliandayBody, 0},
    {"strftime", strftimeBody, 0},
};

const PgDomain revops_pg_domain_sqlite_dates = {aFunc, PG_COUNT(aFunc)};
