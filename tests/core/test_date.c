/* Dates: the parser every date argument goes through. */
#include "check.h"
#include "revops.h"

static int parses(const char *z) {
  int64_t ms;
  return revops_parse_datetime(z, strlen(z), &ms) == REVOPS_OK;
}

static int64_t ms_of(const char *z) {
  int64_t ms = -1;
  revops_parse_datetime(z, strlen(z), &ms);
  return ms;
}

void test_date(void) {
  static const char *const azBad[] = {
      "", "2026", "2026-1-05", "2026-01-5", "2026/01/05", "2026-13-01",
      "2026-00-10", "2026-01-00", "2026-01-32", "2026-02-29", "2100-02-29",
      "2026-04-31", "2026-01-05 24:00", "2026-01-05 12:60", "2026-01-05 12:00:60",
      "2026-01-05 12", "2026-01-05T", "2026-01-05x", " 2026-01-05", "2026-01-05 ",
      "2026-01-05 12:00:00.", "2026-01-05 12:00+1", "2026-01-05 12:00+15:00",
      "abc", "20260105", "-2026-01-05"};
  unsigned i;
  int64_t d;
  char z[11];

  /* Hand-computed day numbers: 2000-01-01 is day 10957, plus 31 + 29. */
  CHECK_INT(ms_of("1970-01-01"), 0);
  CHECK_INT(ms_of("2000-03-01"), INT64_C(11017) * 86400000);
  /* 56 years from 1970 with 14 leap days, then Jan..Oct = 304, then 22. */
  CHECK_INT(ms_of("2026-11-23"), INT64_C(20780) * 86400000);
  CHECK_INT(ms_of("1969-12-31"), -86400000);
  CHECK(parses("2024-02-29"));
  CHECK(parses("2000-02-29"));
  CHECK(parses("0001-01-01"));
  CHECK(parses("9999-12-31"));

  /* Times, fractions and offsets (an offset is converted to UTC). */
  CHECK_INT(ms_of("2026-01-10 08:00:00"), INT64_C(1768032000) * 1000);
  CHECK_INT(ms_of("2026-01-10T08:00"), INT64_C(1768032000) * 1000);
  CHECK_INT(ms_of("2026-01-10T10:00:00+02:00"), INT64_C(1768032000) * 1000);
  CHECK_INT(ms_of("2026-01-10T03:30:00-0430"), INT64_C(1768032000) * 1000);
  CHECK_INT(ms_of("2026-01-10T08:00:00Z"), INT64_C(1768032000) * 1000);
  CHECK_INT(ms_of("2026-01-10 08:00:00.250"), INT64_C(1768032000) * 1000 + 250);
  CHECK_INT(ms_of("2026-01-10 08:00:00.2509"), INT64_C(1768032000) * 1000 + 250);
  for (i = 0; i < sizeof(azBad) / sizeof(azBad[0]); i++) {
    if (parses(azBad[i])) {
      check_fail++;
      printf("FAIL test_date: '%s' parsed but is not a date\n", azBad[i]);
    } else {
      check_pass++;
    }
  }
  CHECK(revops_parse_datetime(0, 0, &d) == REVOPS_ERROR);
  /* Exactly the bytes given: a longer buffer is not read. */
  CHECK(revops_parse_datetime("2026-01-05junk", 10, &d) == REVOPS_OK);

  /* Whole days, floored. */
  CHECK_INT(revops_days_between(ms_of("2026-01-09 12:00"), ms_of("2026-01-10")), 0);
  CHECK_INT(revops_days_between(ms_of("2026-01-09 12:00"), ms_of("2026-01-10 12:00")), 1);
  CHECK_INT(revops_days_between(ms_of("2026-01-10"), ms_of("2026-01-09 12:00")), -1);
  CHECK_INT(revops_days_between(ms_of("2026-01-01"), ms_of("2026-03-01")), 59);
  CHECK_INT(revops_days_between(ms_of("2024-01-01"), ms_of("2024-03-01")), 60);

  /* Property: civil <-> days round-trips over +-2000 years. */
  {
    int bad = 0;
    for (d = -730000; d <= 730000; d += 7) {
      int y, m, dd;
      revops_civil_from_days(d, &y, &m, &dd);
      if (revops_days_from_civil(y, m, dd) != d) bad++;
    }
    CHECK_INT(bad, 0);
  }
  revops_format_date(ms_of("2026-11-23 23:59:59"), z);
  CHECK_STR(z, "2026-11-23");
  revops_format_date(ms_of("1969-12-31 12:00"), z);
  CHECK_STR(z, "1969-12-31");
}
