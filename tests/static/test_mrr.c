/*
** test_mrr.c — mrr_waterfall, mrr_movements and mrr_months against a
** second implementation written here straight from SPEC section 3, over
** thousands of generated customers (seeded: the same rows on every
** machine), checking every column of every row; then the query plans,
** injection attempts and the trusted_schema rules through the C API.
**
** The reference shares nothing with ext/core/mrr.c: dates stay (year,
** month, day, minute) tuples compared as such, a snapshot is "is the
** period active on the last day of the month at its close", computed for
** every customer and every month by scanning all of its periods, and the
** movements come from comparing consecutive snapshots.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "static.h"

void static_mrr(sqlite3 *db);

static sqlite3 *mdb;
static unsigned long long mseed = 4042026;

#define NCUST 3000
#define MAXPER 6
#define MONTH0 (2024 * 12) /* generated starts: 2024-01 .. 2026-12 */
#define NGEN 36
#define NREF 60 /* months the reference covers: ends reach 14 months on */

typedef struct RefDate {
  int y, m, d, minute; /* minute of the day */
} RefDate;

typedef struct RefPeriod {
  RefDate start, end;
  int open;
  long long units; /* mrr in 1e-4 */
} RefPeriod;

static struct {
  RefPeriod a[MAXPER];
  int n;
  long long cents[NREF]; /* month-end snapshot, month MONTH0 + i */
} aCust[NCUST];

static int ref_days_in_month(int y, int m) {
  static const int a[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : a[m - 1];
}

/* Order of calendar days (not a day count: only compared). */
static long ref_day_key(int y, int m, int d) { return ((long)y * 12 + (m - 1)) * 32 + d; }

/* SPEC: active on the last day of month (y, m), at its close: started on
** or before that day, and not ended by its close (end_date is exclusive;
** an end at any time on the last day is before the close). */
static int ref_active(const RefPeriod *p, int y, int m) {
  long last = ref_day_key(y, m, ref_days_in_month(y, m));
  if (ref_day_key(p->start.y, p->start.m, p->start.d) > last) return 0;
  return p->open || ref_day_key(p->end.y, p->end.m, p->end.d) > last;
}

static void ref_format_date(const RefDate *d, char *z, size_t n) {
  if (d->minute) {
    snprintf(z, n, "%04d-%02d-%02d %02d:%02d", d->y, d->m, d->d, d->minute / 60, d->minute % 60);
  } else {
    snprintf(z, n, "%04d-%02d-%02d", d->y, d->m, d->d);
  }
}

static int ref_month_index(const RefDate *d) { return d->y * 12 + d->m - 1 - MONTH0; }

static void ref_month_name(int i, char *z) {
  int mm = MONTH0 + i;
  snprintf(z, 16, "%04d-%02d", mm / 12, mm % 12 + 1);
}

static RefDate gen_date(int monthIndex) {
  RefDate d;
  int mm = MONTH0 + monthIndex;
  d.y = mm / 12;
  d.m = mm % 12 + 1;
  d.d = check_rand_int(&mseed, 1, ref_days_in_month(d.y, d.m));
  /* Often the first or the last day: the boundaries of the rule. */
  if (check_rand_int(&mseed, 0, 4) == 0) d.d = 1;
  if (check_rand_int(&mseed, 0, 4) == 0) d.d = ref_days_in_month(d.y, d.m);
  d.minute = check_rand_int(&mseed, 0, 9) == 0 ? check_rand_int(&mseed, 1, 1439) : 0;
  return d;
}

static int ref_date_cmp(const RefDate *a, const RefDate *b) {
  long ka = ref_day_key(a->y, a->m, a->d) * 1440 + a->minute;
  long kb = ref_day_key(b->y, b->m, b->d) * 1440 + b->minute;
  return ka < kb ? -1 : ka > kb;
}

#define mexec(z) static_exec(mdb, (z))
#define mprep(z) static_prep(mdb, (z))

/* Generate the customers, insert their periods in shuffled order. */
static void gen_data(void) {
  int c, i, nRow = 0, k;
  int (*aRow)[2] = malloc(sizeof(int[2]) * NCUST * MAXPER);
  sqlite3_stmt *ins;
  for (c = 0; c < NCUST; c++) {
    aCust[c].n = check_rand_int(&mseed, 1, MAXPER);
    for (i = 0; i < aCust[c].n; i++) {
      RefPeriod *p = &aCust[c].a[i];
      int s = check_rand_int(&mseed, 0, NGEN - 1);
      int kind = check_rand_int(&mseed, 0, 99);
      p->start = gen_date(s);
      p->open = kind < 20;
      /* Same-month periods, short and long ones. */
      p->end = gen_date(s + (kind < 30 ? 0 : check_rand_int(&mseed, 0, 14)));
      if (!p->open && ref_date_cmp(&p->end, &p->start) < 0) {
        RefDate t = p->end;
        p->end = p->start;
        p->start = t;
      }
      /* Whole cents mostly, sometimes sub-cent amounts (rounding of the
      ** customer's sum), sometimes zero. */
      p->units = kind % 10 == 0 ? 0 : (long long)check_rand_int(&mseed, 1, 300000) * 100;
      if (kind % 7 == 0) p->units = check_rand_int(&mseed, 0, 30000000);
      aRow[nRow][0] = c;
      aRow[nRow][1] = i;
      nRow++;
    }
  }
  for (k = nRow - 1; k > 0; k--) { /* Fisher-Yates */
    int j = check_rand_int(&mseed, 0, k), t0 = aRow[k][0], t1 = aRow[k][1];
    aRow[k][0] = aRow[j][0];
    aRow[k][1] = aRow[j][1];
    aRow[j][0] = t0;
    aRow[j][1] = t1;
  }
  mexec("CREATE TABLE mrr_src(customer_id, start_date TEXT, end_date TEXT, mrr REAL)");
  ins = mprep("INSERT INTO mrr_src VALUES (?, ?, ?, ?)");
  mexec("BEGIN");
  for (k = 0; k < nRow && ins; k++) {
    const RefPeriod *p = &aCust[aRow[k][0]].a[aRow[k][1]];
    char zs[32], ze[32];
    c = aRow[k][0];
    /* The first half integer ids, the rest text: ORDER BY customer_id
    ** then lists them in index order. */
    if (c < NCUST / 2) sqlite3_bind_int(ins, 1, c + 1);
    else {
      char zId[16];
      snprintf(zId, sizeof(zId), "c%05d", c);
      sqlite3_bind_text(ins, 1, zId, -1, SQLITE_TRANSIENT);
    }
    ref_format_date(&p->start, zs, sizeof(zs));
    ref_format_date(&p->end, ze, sizeof(ze));
    sqlite3_bind_text(ins, 2, zs, -1, SQLITE_TRANSIENT);
    if (p->open) sqlite3_bind_null(ins, 3);
    else sqlite3_bind_text(ins, 3, ze, -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(ins, 4, (double)p->units / 10000.0);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  mexec("COMMIT");
  sqlite3_finalize(ins);
  free(aRow);
}

/* Reference waterfall, by month index 0 .. NREF-1. */
static struct {
  long long mrr[5], n[3]; /* new, expansion, reactivation, contraction, churned; new, react, churn */
  long long ending, nEnding;
} aMonth[NREF];
static int firstActive, lastDate;
static const char *const azKind[] = {"new", "expansion", "reactivation", "contraction", "churned"};

static int ref_kind(long long prev, long long curr, int wasActive) {
  if (prev == 0 && curr > 0) return wasActive ? 2 : 0;
  if (prev > 0 && curr == 0) return 4;
  if (curr > prev) return 1;
  if (curr < prev) return 3;
  return -1;
}

static void ref_compute(void) {
  int c, i, m;
  firstActive = NREF;
  lastDate = -1;
  memset(aMonth, 0, sizeof(aMonth));
  for (c = 0; c < NCUST; c++) {
    int wasActive = 0;
    long long prev = 0;
    for (i = 0; i < aCust[c].n; i++) {
      const RefPeriod *p = &aCust[c].a[i];
      if (ref_month_index(&p->start) > lastDate) lastDate = ref_month_index(&p->start);
      if (!p->open && ref_month_index(&p->end) > lastDate) lastDate = ref_month_index(&p->end);
    }
    for (m = 0; m < NREF; m++) {
      int mm = MONTH0 + m, k;
      long long units = 0;
      for (i = 0; i < aCust[c].n; i++) {
        if (ref_active(&aCust[c].a[i], mm / 12, mm % 12 + 1)) units += aCust[c].a[i].units;
      }
      aCust[c].cents[m] = (units + 50) / 100; /* half away from zero */
      k = ref_kind(prev, aCust[c].cents[m], wasActive);
      if (k >= 0) {
        aMonth[m].mrr[k] += k == 0 || k == 2 ? aCust[c].cents[m]
                            : k == 4         ? prev
                            : k == 1         ? aCust[c].cents[m] - prev
                                             : prev - aCust[c].cents[m];
        if (k == 0) aMonth[m].n[0]++;
        if (k == 2) aMonth[m].n[1]++;
        if (k == 4) aMonth[m].n[2]++;
      }
      if (aCust[c].cents[m] > 0) {
        aMonth[m].ending += aCust[c].cents[m];
        aMonth[m].nEnding++;
        wasActive = 1;
        if (m < firstActive) firstActive = m;
      }
      prev = aCust[c].cents[m];
    }
  }
}

/* Compare mrr_waterfall, expected to cover months [lo, hi], with the
** reference. */
static void check_waterfall(const char *zSql, int lo, int hi) {
  sqlite3_stmt *q = mprep(zSql);
  int m = lo, bad = 0;
  CHECK(hi < NREF);
  while (static_row(q) && m < NREF) {
    char zMonth[16];
    long long exp[14];
    int j, bad0 = bad;
    ref_month_name(m, zMonth);
    exp[1] = m == 0 ? 0 : aMonth[m - 1].ending;
    for (j = 0; j < 5; j++) exp[2 + j] = aMonth[m].mrr[j];
    exp[7] = aMonth[m].ending;
    exp[8] = exp[7] - exp[1];
    exp[9] = m == 0 ? 0 : aMonth[m - 1].nEnding;
    for (j = 0; j < 3; j++) exp[10 + j] = aMonth[m].n[j];
    exp[13] = aMonth[m].nEnding;
    if (strcmp((const char *)sqlite3_column_text(q, 0), zMonth) != 0) bad++;
    for (j = 1; j <= 8; j++) {
      if (sqlite3_column_double(q, j) != (double)exp[j] / 100.0) bad++;
    }
    for (j = 9; j <= 13; j++) {
      if (sqlite3_column_int64(q, j) != exp[j]) bad++;
    }
    if (bad > bad0 && bad0 == 0) printf("FAIL %s: row %s differs from the reference\n", zSql, zMonth);
    m++;
  }
  static_rows_end(q, hi - lo + 1, "mrr_waterfall rows");
  CHECK_INT(bad, 0);
  CHECK_INT(m, hi + 1); /* exactly the months lo..hi */
}

static void test_against_reference(void) {
  sqlite3_stmt *q;
  int bad, c, m, k, nRows;
  char zSql[256], zFrom[16], zTo[16];
  gen_data();
  ref_compute();
  CHECK(firstActive < NGEN && lastDate >= NGEN); /* the data has both */

  /* Default bounds: the first month with MRR to the latest date's month. */
  check_waterfall("SELECT * FROM mrr_waterfall('mrr_src')", firstActive, lastDate);
  /* The same through the SELECT form, rows in random order. */
  check_waterfall("SELECT * FROM mrr_waterfall('SELECT * FROM mrr_src ORDER BY random()')",
                  firstActive, lastDate);
  /* Bounds inside and past the data: the first row starts from the
  ** snapshot of the month before. */
  ref_month_name(7, zFrom);
  ref_month_name(lastDate + 3, zTo);
  snprintf(zSql, sizeof(zSql), "SELECT * FROM mrr_waterfall('mrr_src', '%s', '%s')", zFrom, zTo);
  check_waterfall(zSql, 7, lastDate + 3);

  /* mrr_movements: every movement of every customer, in customer order. */
  bad = nRows = 0;
  q = mprep("SELECT month, customer_id, movement, amount, prev_mrr, curr_mrr FROM mrr_movements('mrr_src')");
  for (c = 0; c < NCUST && q; c++) {
    int wasActive = 0;
    long long prev = 0;
    for (m = 0; m < NREF; m++) {
      long long curr = aCust[c].cents[m];
      k = ref_kind(prev, curr, wasActive);
      if (k >= 0) {
        char zMonth[16];
        long long amount = k == 0 || k == 2 ? curr : k == 4 ? prev : curr > prev ? curr - prev : prev - curr;
        ref_month_name(m, zMonth);
        if (sqlite3_step(q) != SQLITE_ROW) {
          bad++;
          break;
        }
        nRows++;
        if (strcmp((const char *)sqlite3_column_text(q, 0), zMonth) != 0) bad++;
        if (c < NCUST / 2 ? sqlite3_column_int(q, 1) != c + 1 : atoi((const char *)sqlite3_column_text(q, 1) + 1) != c) bad++;
        if (strcmp((const char *)sqlite3_column_text(q, 2), azKind[k]) != 0) bad++;
        if (sqlite3_column_double(q, 3) != (double)amount / 100.0) bad++;
        if (sqlite3_column_double(q, 4) != (double)prev / 100.0) bad++;
        if (sqlite3_column_double(q, 5) != (double)curr / 100.0) bad++;
      }
      if (curr > 0) wasActive = 1;
      prev = curr;
    }
  }
  CHECK(q && sqlite3_step(q) == SQLITE_DONE);
  sqlite3_finalize(q);
  CHECK_INT(bad, 0);
  CHECK(nRows > NCUST); /* a real workload: several movements a customer */

  /* mrr_months with default bounds (to = the latest date's month). */
  bad = 0;
  q = mprep("SELECT month, customer_id, mrr FROM mrr_months('mrr_src')");
  for (c = 0; c < NCUST && q; c++) {
    for (m = 0; m <= lastDate; m++) {
      char zMonth[16];
      if (aCust[c].cents[m] == 0) continue;
      ref_month_name(m, zMonth);
      if (sqlite3_step(q) != SQLITE_ROW) {
        bad++;
        break;
      }
      if (strcmp((const char *)sqlite3_column_text(q, 0), zMonth) != 0) bad++;
      if (sqlite3_column_type(q, 1) != (c < NCUST / 2 ? SQLITE_INTEGER : SQLITE_TEXT)) bad++;
      if (sqlite3_column_double(q, 2) != (double)aCust[c].cents[m] / 100.0) bad++;
    }
  }
  CHECK(q && sqlite3_step(q) == SQLITE_DONE);
  sqlite3_finalize(q);
  CHECK_INT(bad, 0);

  /* Bounded movements and months: counts per month against the
  ** reference, over a window inside the data. */
  ref_month_name(10, zFrom);
  ref_month_name(20, zTo);
  snprintf(zSql, sizeof(zSql),
           "SELECT (SELECT count(*) FROM mrr_movements('mrr_src', '%s', '%s')),"
           " (SELECT count(*) FROM mrr_months('mrr_src', '%s', '%s'))", zFrom, zTo, zFrom, zTo);
  q = mprep(zSql);
  {
    long long nMove = 0, nMonths = 0;
    for (m = 10; m <= 20; m++) {
      nMove += aMonth[m].n[0] + aMonth[m].n[1] + aMonth[m].n[2];
      for (c = 0; c < NCUST; c++) {
        long long prev = m ? aCust[c].cents[m - 1] : 0, curr = aCust[c].cents[m];
        if (prev > 0 && curr > 0 && prev != curr) nMove++; /* expansion, contraction */
        if (curr > 0) nMonths++;
      }
    }
    CHECK(q && sqlite3_step(q) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int64(q, 0), nMove);
    CHECK_INT(sqlite3_column_int64(q, 1), nMonths);
  }
  sqlite3_finalize(q);
}

/* ------------------------------------------------------- query plans */

/* The plan's detail lines, joined by " / ". */
static const char *plan(const char *zSql) {
  static char z[1024];
  char *zEqp = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", zSql);
  sqlite3_stmt *q = mprep(zEqp);
  size_t n = 0;
  z[0] = 0;
  while (q && sqlite3_step(q) == SQLITE_ROW && n < sizeof(z) - 200) {
    n += (size_t)snprintf(z + n, sizeof(z) - n, "%s%s", n ? " / " : "", sqlite3_column_text(q, 3));
  }
  sqlite3_finalize(q);
  sqlite3_free(zEqp);
  return z;
}

static void test_plans(void) {
  /* idxNum bits: 1 source, 2 from_month, 4 to_month. */
  CHECK_STR(plan("SELECT * FROM mrr_waterfall('mrr_src')"),
            "SCAN mrr_waterfall VIRTUAL TABLE INDEX 1:source");
  CHECK_STR(plan("SELECT * FROM mrr_waterfall('mrr_src', '2025-01', '2025-06')"),
            "SCAN mrr_waterfall VIRTUAL TABLE INDEX 7:source,from_month,to_month");
  CHECK_STR(plan("SELECT * FROM mrr_waterfall WHERE to_month = '2025-06' AND source = 'mrr_src'"),
            "SCAN mrr_waterfall VIRTUAL TABLE INDEX 5:source,to_month");
  /* Operators other than = are left to SQLite. */
  CHECK_STR(plan("SELECT * FROM mrr_waterfall WHERE source = 'mrr_src' AND from_month > '2025-01'"
                 " AND month < '2026-01'"),
            "SCAN mrr_waterfall VIRTUAL TABLE INDEX 1:source");
  /* Output order: by month, and customer by customer. */
  CHECK_STR(plan("SELECT * FROM mrr_waterfall('mrr_src') ORDER BY month"),
            "SCAN mrr_waterfall VIRTUAL TABLE INDEX 1:source");
  CHECK_STR(plan("SELECT * FROM mrr_waterfall('mrr_src') ORDER BY month DESC"),
            "SCAN mrr_waterfall VIRTUAL TABLE INDEX 1:source / USE TEMP B-TREE FOR ORDER BY");
  CHECK_STR(plan("SELECT * FROM mrr_movements('mrr_src') ORDER BY customer_id, month"),
            "SCAN mrr_movements VIRTUAL TABLE INDEX 1:source");
  CHECK_STR(plan("SELECT * FROM mrr_months('mrr_src') ORDER BY customer_id"),
            "SCAN mrr_months VIRTUAL TABLE INDEX 1:source");
  CHECK_STR(plan("SELECT * FROM mrr_months('mrr_src') ORDER BY month, customer_id"),
            "SCAN mrr_months VIRTUAL TABLE INDEX 1:source / USE TEMP B-TREE FOR ORDER BY");
  /* The source from a join: the table that supplies it goes first. */
  mexec("CREATE TABLE mrr_cfg(src TEXT, from_month TEXT)");
  mexec("INSERT INTO mrr_cfg VALUES ('mrr_src', NULL)");
  CHECK_STR(plan("SELECT * FROM mrr_waterfall w, mrr_cfg c WHERE w.source = c.src"),
            "SCAN c / SCAN w VIRTUAL TABLE INDEX 1:source");
  CHECK_STR(plan("SELECT * FROM mrr_cfg c, mrr_months(c.src, c.from_month) m"),
            "SCAN c / SCAN m VIRTUAL TABLE INDEX 3:source,from_month");
  {
    sqlite3_stmt *q = mprep("SELECT count(*) FROM mrr_cfg c, mrr_waterfall(c.src) w");
    CHECK(q && sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == lastDate - firstActive + 1);
    sqlite3_finalize(q);
  }
}

/* ------------------------------------------------- injection, security */

static int nCalls;
static void countFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  nCalls++;
  sqlite3_result_value(ctx, argv[0]);
}
static void failFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_error(ctx, "boom", -1);
}

/* Run zSql to the end; return the error message (or "ok"). */
static const char *run(const char *zSql) {
  static char z[512];
  sqlite3_stmt *q = 0;
  int rc = sqlite3_prepare_v2(mdb, zSql, -1, &q, 0);
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    }
  }
  snprintf(z, sizeof(z), "%s", rc == SQLITE_DONE ? "ok" : sqlite3_errmsg(mdb));
  sqlite3_finalize(q);
  return z;
}

static int table_exists(const char *zName) {
  sqlite3_stmt *q = mprep("SELECT count(*) FROM sqlite_schema WHERE name = ?");
  int n = 0;
  sqlite3_bind_text(q, 1, zName, -1, SQLITE_STATIC);
  if (q && sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  return n;
}

static void test_security(void) {
  int trusted = -1;
  mexec("CREATE TABLE victim(customer_id, start_date, end_date, mrr)");
  mexec("INSERT INTO victim VALUES ('v', '2026-01-01', NULL, 1)");

  /* Injection strings: refused, and the table is still there. */
  CHECK_STR(run("SELECT * FROM mrr_waterfall('SELECT * FROM victim; DROP TABLE victim')"),
            "mrr_waterfall(): source must be a single statement, got more after it: 'DROP TABLE victim'");
  CHECK_STR(run("SELECT * FROM mrr_waterfall('victim\"; DROP TABLE victim; --')"),
            "mrr_waterfall(): source table or view 'victim\"; DROP TABLE victim; --' does not exist");
  CHECK_STR(run("SELECT * FROM mrr_months('victim'' UNION SELECT 1,2,3,4 --')"),
            "mrr_months(): source table or view 'victim'' UNION SELECT 1,2,3,4 --' does not exist");
  CHECK_STR(run("SELECT * FROM mrr_movements('DROP TABLE victim')"),
            "mrr_movements(): source must be a table name, a view name or a read-only SELECT"
            " statement, got 'DROP TABLE victim'");
  CHECK_STR(run("SELECT * FROM mrr_waterfall('WITH x AS (SELECT 1) DELETE FROM victim')"),
            "mrr_waterfall(): source statement must be read-only, got 'WITH x AS (SELECT 1) DELETE FROM victim'");
  CHECK(table_exists("victim"));
  {
    sqlite3_stmt *q = mprep("SELECT count(*) FROM victim");
    CHECK(q && sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1);
    sqlite3_finalize(q);
  }
  /* A PRAGMA given as the source is never prepared: it would switch
  ** trusted_schema back on while being prepared. */
  mexec("PRAGMA trusted_schema = OFF");
  CHECK(run("SELECT * FROM mrr_waterfall('PRAGMA trusted_schema = ON')")[0] == 'm');
  sqlite3_db_config(mdb, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &trusted);
  CHECK_INT(trusted, 0);

  /* Functions by their flags: counted calls show what really ran. */
  sqlite3_create_function(mdb, "plain_fn", 1, SQLITE_UTF8, 0, countFunc, 0, 0);
  sqlite3_create_function(mdb, "safe_fn", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0, countFunc, 0, 0);
  sqlite3_create_function(mdb, "direct_fn", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, 0, countFunc, 0, 0);
  sqlite3_create_function(mdb, "fail_fn", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS, 0, failFunc, 0, 0);
  nCalls = 0;
  /* trusted_schema=OFF: a function not marked innocuous is refused ... */
  CHECK_STR(run("SELECT * FROM mrr_waterfall('SELECT * FROM victim WHERE plain_fn(mrr) > 0')"),
            "mrr_waterfall(): source statement calls plain_fn(), which is not innocuous: not allowed"
            " with trusted_schema=OFF");
  CHECK_INT(nCalls, 0);
  /* ... an innocuous one runs ... */
  CHECK_STR(run("SELECT * FROM mrr_waterfall('SELECT * FROM victim WHERE safe_fn(mrr) > 0')"), "ok");
  CHECK_INT(nCalls, 1);
  /* ... and from a view in the database just as well. */
  mexec("CREATE VIEW untrusted AS SELECT * FROM mrr_movements('SELECT * FROM victim WHERE plain_fn(mrr) > 0')");
  CHECK_STR(run("SELECT * FROM untrusted"),
            "mrr_movements(): source statement calls plain_fn(), which is not innocuous: not allowed"
            " with trusted_schema=OFF");
  CHECK_INT(nCalls, 1);
  /* trusted_schema=ON: what a view may call, the source may call ... */
  mexec("PRAGMA trusted_schema = ON");
  CHECK_STR(run("SELECT * FROM untrusted"), "ok");
  CHECK_INT(nCalls, 2);
  /* ... but never a direct-only function. */
  CHECK_STR(run("SELECT * FROM mrr_waterfall('SELECT * FROM victim WHERE direct_fn(mrr) > 0')"),
            "mrr_waterfall(): source statement calls direct_fn(), which is direct-only: it may not"
            " run inside a view, so not here either");
  CHECK_INT(nCalls, 2);
  /* An error inside the source names the source. */
  CHECK_STR(run("SELECT * FROM mrr_months('SELECT * FROM victim WHERE fail_fn(mrr) > 0')"),
            "mrr_months(): source: boom");
}

void static_mrr(sqlite3 *db) {
  mdb = db;
  test_against_reference();
  test_plans();
  test_security();
}
