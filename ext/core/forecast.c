/*
** forecast.c — forecast accuracy grading (seed 003).
*/
#include "internal.h"

/* seed 003 "Forecast accuracy target": <10% Excellent, 10-15% Good,
** 15-25% Needs work, >25% Broken.  Exactly 0.25 is still "Needs work"
** (SPEC: <= 0.25). */
const char *revops_mape_grade(double mape) {
  if (mape < 0.10) return "Excellent";
  if (mape < 0.15) return "Good";
  if (mape <= 0.25) return "Needs work";
  return "Broken";
}
