/*
** impvalues.h — CSV text to typed values (values.c), shared by the loader
** (check.c, read.c, resolve.c) and mapping.c.  Pure C: no SQLite.
**
** Owns: the date-order constants and the value parsers' interface.
** Must not: include SQLite's headers or the loader's.
*/
#ifndef REVOPS_IMPVALUES_H
#define REVOPS_IMPVALUES_H

#include <stddef.h>
#include <stdint.h>

#include "revops.h"

/* Date orders of a file or mapping (docs/data.md "Dates"). */
#define IMP_ORDER_NONE 0 /* ISO only, or values that decide it */
#define IMP_ORDER_MDY 1
#define IMP_ORDER_DMY 2
#define IMP_ORDER_YMD 3

#define IMP_DATE_BAD 1        /* not a date in any accepted form */
#define IMP_DATE_AMBIGUOUS 2  /* 03/04/2026 with no order: ask for one */

/* Each returns 1 with the value, 0 when the text is not one. */
int imp_parse_real(const char *z, size_t n, double *pOut);       /* |x| <= 1e15 */
int imp_parse_int(const char *z, size_t n, int64_t *pOut);       /* whole, |x| < 9e15 */
int imp_parse_bool(const char *z, size_t n, int *pOut);
/* A date or date-time as UTC milliseconds; *pWhy says why not. */
int imp_parse_date(const char *z, size_t n, int eOrder, int64_t *pMs, int *pWhy);
int imp_parse_month(const char *z, size_t n);                    /* 'YYYY-MM' */
/* Two-digit year: 00-68 -> 2000-2068, 69-99 -> 1969-1999. */
int imp_pivot_year(int yy);
/* What a non-ISO date says about the order: IMP_ORDER_DMY (13/02/2026),
** IMP_ORDER_MDY (02/13/2026), or 0 (nothing). */
int imp_date_evidence(const char *z, size_t n);
/* 'YYYY-MM-DD' (11 bytes) and 'YYYY-MM-DD HH:MM:SS' (20 bytes). */
void imp_format_date(int64_t ms, char *zOut);
void imp_format_datetime(int64_t ms, char *zOut);

#endif
