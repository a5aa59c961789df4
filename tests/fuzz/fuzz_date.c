/* fuzz_date.c — revops_parse_datetime on any bytes.  Properties: an
** accepted date formats as YYYY-MM-DD and that text parses back to the
** start of the same day; the civil-day conversions agree. */
#include <string.h>

#include "fuzz.h"
#include "revops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  int64_t ms, again, days;
  int y, m, d;
  char z[11];
  if (revops_parse_datetime((const char *)data, size, &ms) != REVOPS_OK) return 0;
  revops_format_date(ms, z);
  FUZZ_ASSERT(strlen(z) == 10 && z[4] == '-' && z[7] == '-');
  FUZZ_ASSERT(revops_parse_datetime(z, 10, &again) == REVOPS_OK);
  days = again / REVOPS_MS_PER_DAY;
  FUZZ_ASSERT(again == days * REVOPS_MS_PER_DAY);
  FUZZ_ASSERT(again <= ms && ms - again < REVOPS_MS_PER_DAY);
  FUZZ_ASSERT(revops_days_between(again, ms) == 0);
  revops_civil_from_days(days, &y, &m, &d);
  FUZZ_ASSERT(revops_days_from_civil(y, m, d) == days);
  return 0;
}
