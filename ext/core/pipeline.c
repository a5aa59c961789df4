/*
** pipeline.c — pipeline arithmetic shared by the SQL functions.
*/
#include "internal.h"

/* seed 003 "Pipeline Coverage Model": a deal counts at 100% until 30 days
** past its expected close, at 50% from 30 to 59 days, and at 25% from 60.
** Deals not yet due (negative days) count fully.  Returned in quarters so
** that the money accumulator stays in integers. */
int revops_aging_quarters(int64_t daysPastClose) {
  if (daysPastClose < 30) return 4;
  if (daysPastClose < 60) return 2;
  return 1;
}
