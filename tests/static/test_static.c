/*
** test_static.c — the static library (built with -DSQLITE_CORE) linked
** against libsqlite3: registration through sqlite3_revops_init, then
** randomised property tests.  Each property compares what the SQL
** functions return, over generated rows, with a second implementation
** written here straight from SPEC section 3 (plain loops, integer cents,
** no shared code with ext/core), over whole groups and over window frames.
** The generator is seeded, so a failure reproduces exactly.
*/
#include <sqlite3.h>
#include <stdlib.h>

#include "check.h"
#include "static.h"
#include "revops.h"

int check_pass, check_fail;
static sqlite3 *db;
void static_library(sqlite3 *db);
static unsigned long long seed = 20261123;

void static_exec(sqlite3 *pDb, const char *zSql) {
  char *zErr = 0;
  if (sqlite3_exec(pDb, zSql, 0, 0, &zErr) != SQLITE_OK) {
    printf("FAIL exec: %s\n     %s\n", zErr, zSql);
    check_fail++;
  }
  sqlite3_free(zErr);
}

sqlite3_stmt *static_prep(sqlite3 *pDb, const char *zSql) {
  sqlite3_stmt *p = 0;
  if (sqlite3_prepare_v2(pDb, zSql, -1, &p, 0) != SQLITE_OK) {
    printf("FAIL prepare: %s\n     %s\n", sqlite3_errmsg(pDb), zSql);
    check_fail++;
  }
  return p;
}
static long long nLoopRows;
static int rcLoop = SQLITE_DONE;

int static_row(sqlite3_stmt *q) {
  rcLoop = q ? sqlite3_step(q) : SQLITE_MISUSE;
  if (rcLoop != SQLITE_ROW) return 0;
  nLoopRows++;
  return 1;
}

void static_rows_end(sqlite3_stmt *q, long long nExpected, const char *zWhat) {
  if (rcLoop == SQLITE_DONE && (nExpected < 0 ? nLoopRows > 0 : nLoopRows == nExpected)) {
    check_pass++;
  } else {
    check_fail++;
    printf("FAIL %s: %lld rows (expected %lld%s), stopped with %s%s%s\n", zWhat, nLoopRows,
           nExpected, nExpected < 0 ? ": at least one" : "",
           rcLoop == SQLITE_DONE ? "SQLITE_DONE" : sqlite3_errstr(rcLoop),
           q && rcLoop != SQLITE_DONE ? ": " : "",
           q && rcLoop != SQLITE_DONE ? sqlite3_errmsg(sqlite3_db_handle(q)) : "");
  }
  nLoopRows = 0;
  rcLoop = SQLITE_DONE;
  sqlite3_finalize(q);
}
#define exec(z) static_exec(db, (z))
#define prep(z) static_prep(db, (z))

/* Round half away from zero: n / d for integers. */
static long long div_round(long long n, long long d) {
  return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

/* ------------------------------------------------------ weighted_pipeline */
#define NDEAL 3000
static struct {
  long long cents;
  int pct;
  int closeDay; /* days after 2026-01-01; -1 = NULL close date */
} aDeal[NDEAL];
#define AS_OF_DAY 120 /* 2026-05-01 */

/* SPEC: < 30 days past close x1, 30-59 x0.5, 60+ x0.25; in quarters. */
static int ref_quarters(int closeDay) {
  int past;
  if (closeDay < 0) return 4;
  past = AS_OF_DAY - closeDay;
  return past < 30 ? 4 : past < 60 ? 2 : 1;
}

/* Rows [lo, hi] as exact cents: sum(cents * pct * quarters) / 400. */
static double ref_pipeline(int lo, int hi, int aged) {
  long long t = 0;
  int i;
  for (i = lo; i <= hi; i++) {
    t += aDeal[i].cents * aDeal[i].pct * (aged ? ref_quarters(aDeal[i].closeDay) : 4);
  }
  return (double)div_round(t, 400) / 100.0;
}

static void test_pipeline(void) {
  sqlite3_stmt *ins, *q;
  int i, bad = 0;
  exec("CREATE TABLE deal(id INTEGER PRIMARY KEY, grp INT, amount REAL, probability REAL, close_date TEXT)");
  ins = prep("INSERT INTO deal VALUES(?,?,?,?,date('2026-01-01', ?||' days'))");
  exec("BEGIN");
  for (i = 0; i < NDEAL; i++) {
    aDeal[i].cents = check_rand_int(&seed, 0, 200000000); /* up to 2,000,000.00 */
    aDeal[i].pct = check_rand_int(&seed, 0, 100);
    aDeal[i].closeDay = check_rand_int(&seed, -1, AS_OF_DAY + 30);
    sqlite3_bind_int(ins, 1, i);
    sqlite3_bind_int(ins, 2, i / 100);
    sqlite3_bind_double(ins, 3, aDeal[i].cents / 100.0);
    sqlite3_bind_double(ins, 4, aDeal[i].pct / 100.0);
    if (aDeal[i].closeDay < 0) sqlite3_bind_null(ins, 5);
    else sqlite3_bind_int(ins, 5, aDeal[i].closeDay);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  exec("COMMIT");
  sqlite3_finalize(ins);

  /* Groups of 100 rows, plain and aged. */
  q = prep("SELECT grp, weighted_pipeline(amount, probability),"
           " weighted_pipeline(amount, probability, close_date, '2026-05-01')"
           " FROM deal GROUP BY grp ORDER BY grp");
  while (static_row(q)) {
    int g = sqlite3_column_int(q, 0);
    if (sqlite3_column_double(q, 1) != ref_pipeline(g * 100, g * 100 + 99, 0)) bad++;
    if (sqlite3_column_double(q, 2) != ref_pipeline(g * 100, g * 100 + 99, 1)) bad++;
  }
  static_rows_end(q, NDEAL / 100, "weighted_pipeline groups");
  CHECK_INT(bad, 0);

  /* A moving frame: the inverse step must undo the step exactly. */
  bad = 0;
  q = prep("SELECT id, weighted_pipeline(amount, probability, close_date, '2026-05-01')"
           " OVER (ORDER BY id ROWS BETWEEN 7 PRECEDING AND 3 FOLLOWING) FROM deal ORDER BY id");
  while (static_row(q)) {
    int id = sqlite3_column_int(q, 0);
    int lo = id - 7 < 0 ? 0 : id - 7, hi = id + 3 >= NDEAL ? NDEAL - 1 : id + 3;
    if (sqlite3_column_double(q, 1) != ref_pipeline(lo, hi, 1)) {
      if (bad++ < 3) {
        printf("FAIL pipeline frame at %d: %.17g vs %.17g\n", id,
               sqlite3_column_double(q, 1), ref_pipeline(lo, hi, 1));
      }
    }
  }
  static_rows_end(q, NDEAL, "weighted_pipeline frames");
  CHECK_INT(bad, 0);

  /* The whole table, against the same sum written in plain SQL over
  ** integers (exact because amounts are whole cents, probabilities whole
  ** percents). */
  q = prep("SELECT weighted_pipeline(amount, probability) * 100 ="
           " (SELECT (sum(CAST(round(amount * 100) AS INT) * CAST(round(probability * 100) AS INT)) + 50) / 100 FROM deal)"
           " FROM deal");
  CHECK(q && sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) == 1);
  sqlite3_finalize(q);
}

/* ------------------------------------------------------------ lead_score */
static const struct {
  const char *zName;
  int points, group; /* group: 0 behavioral, 1 firmographic, 2 negative */
} aRefSignal[] = {
    {"pricing_page_visit", 15, 0}, {"content_download", 10, 0},
    {"webinar_attended", 12, 0},   {"demo_request", 25, 0},
    {"email_engaged", 8, 0},       {"deep_session", 10, 0},
    {"return_visit", 8, 0},        {"chatbot_engaged", 5, 0},
    {"icp_industry", 15, 1},       {"company_size_fit", 10, 1},
    {"decision_maker", 10, 1},     {"target_geography", 5, 1},
    {"competitor_domain", -100, 2}, {"student_email", -30, 2},
    {"unsubscribed", -20, 2},      {"mystery_signal", 0, -1}, /* unknown */
};
#define NREFSIG ((int)(sizeof(aRefSignal) / sizeof(aRefSignal[0])))
#define NLEAD 400
#define NEV 6000
static struct {
  int lead, sig, age; /* age < 0: dated after as_of */
} aEv[NEV];

/* Straight from SPEC section 3, events [lo, hi] of one lead. */
static int ref_lead_score(int lo, int hi) {
  int best[NREFSIG], seen[NREFSIG], i, beh = 0, firm = 0, neg = 0, recent = 0, t;
  for (i = 0; i < NREFSIG; i++) best[i] = seen[i] = 0;
  for (i = lo; i <= hi; i++) {
    int s = aEv[i].sig, age = aEv[i].age, pts;
    if (age < 0 || aRefSignal[s].group < 0) continue;
    pts = aRefSignal[s].points;
    if (s == 0 && age > 14) {
      pts -= 5 * ((age - 14) / 7);
      if (pts < 0) pts = 0;
    }
    if (!seen[s] || pts > best[s]) best[s] = pts;
    seen[s] = 1;
    if (aRefSignal[s].group == 0 && age <= 30) recent = 1;
  }
  for (i = 0; i < NREFSIG; i++) {
    if (!seen[i]) continue;
    if (aRefSignal[i].group == 0) beh += best[i];
    if (aRefSignal[i].group == 1) firm += best[i];
    if (aRefSignal[i].group == 2) neg += best[i];
  }
  t = (beh > 60 ? 60 : beh) + (firm > 40 ? 40 : firm) + neg + (recent ? 0 : -15);
  return t < 0 ? 0 : t > 100 ? 100 : t;
}

static void test_lead_score(void) {
  sqlite3_stmt *ins, *q;
  int i, bad = 0, n = 0, lo[NLEAD], hi[NLEAD];
  exec("CREATE TABLE ev(id INTEGER PRIMARY KEY, lead INT, signal TEXT, occurred_at TEXT)");
  ins = prep("INSERT INTO ev VALUES(?,?,?,date('2026-06-30', ?||' days'))");
  exec("BEGIN");
  for (i = 0; i < NEV; i++) {
    aEv[i].lead = i * NLEAD / NEV; /* contiguous runs per lead */
    /* rarely a negative signal, sometimes unknown */
    aEv[i].sig = check_rand_int(&seed, 0, 99) < 4 ? check_rand_int(&seed, 12, 14)
                                                   : check_rand_int(&seed, 0, 11);
    if (check_rand_int(&seed, 0, 49) == 0) aEv[i].sig = NREFSIG - 1;
    aEv[i].age = check_rand_int(&seed, -3, 70);
    sqlite3_bind_int(ins, 1, i);
    sqlite3_bind_int(ins, 2, aEv[i].lead);
    sqlite3_bind_text(ins, 3, aRefSignal[aEv[i].sig].zName, -1, SQLITE_STATIC);
    sqlite3_bind_int(ins, 4, -aEv[i].age);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  exec("COMMIT");
  sqlite3_finalize(ins);
  for (i = 0; i < NLEAD; i++) lo[i] = NEV, hi[i] = -1;
  for (i = 0; i < NEV; i++) {
    if (i < lo[aEv[i].lead]) lo[aEv[i].lead] = i;
    hi[aEv[i].lead] = i;
  }
  q = prep("SELECT lead, lead_score(signal, occurred_at, '2026-06-30') FROM ev GROUP BY lead");
  while (static_row(q)) {
    int l = sqlite3_column_int(q, 0);
    n++;
    if (sqlite3_column_int(q, 1) != ref_lead_score(lo[l], hi[l])) {
      if (bad++ < 3) {
        printf("FAIL lead %d: %d vs reference %d\n", l, sqlite3_column_int(q, 1),
               ref_lead_score(lo[l], hi[l]));
      }
    }
  }
  static_rows_end(q, NLEAD, "lead_score per lead");
  CHECK_INT(n, NLEAD);
  CHECK_INT(bad, 0);

  /* Frames within each lead. */
  bad = 0;
  q = prep("SELECT id, lead, lead_score(signal, occurred_at, '2026-06-30') OVER"
           " (PARTITION BY lead ORDER BY id ROWS BETWEEN 4 PRECEDING AND 1 FOLLOWING)"
           " FROM ev ORDER BY id");
  while (static_row(q)) {
    int id = sqlite3_column_int(q, 0), l = sqlite3_column_int(q, 1);
    int a = id - 4 < lo[l] ? lo[l] : id - 4, b = id + 1 > hi[l] ? hi[l] : id + 1;
    /* A frame of only future-dated or unknown rows still has rows. */
    if (sqlite3_column_int(q, 2) != ref_lead_score(a, b)) bad++;
  }
  static_rows_end(q, NEV, "lead_score frames");
  CHECK_INT(bad, 0);
}

/* ----------------------------------------------------------- deal_health */
/* SPEC section 3 tables, transcribed independently of ext/core/deals.c.
** NaN stands for NULL. */
static int ref_deal_health(double dis, double exp_, double dsa, double ce,
                           double dtc, double pushes, double ac) {
  int s = 0;
  if (isnan(dis) || isnan(exp_) || exp_ == 0) s += 12;
  else if (dis <= exp_ * 1) s += 25;
  else if (dis <= exp_ * 1.5) s += 18;
  else if (dis <= exp_ * 2) s += 10;
  else if (dis <= exp_ * 3) s += 5;
  if (!isnan(dsa)) s += dsa <= 3 ? 25 : dsa <= 7 ? 20 : dsa <= 14 ? 12 : dsa <= 21 ? 5 : 0;
  if (!isnan(ce)) s += ce >= 5 ? 20 : ce == 4 ? 17 : ce == 3 ? 14 : ce == 2 ? 10 : ce == 1 ? 4 : 0;
  if (!isnan(dtc) && dtc >= 0) {
    double p = isnan(pushes) ? 0 : pushes;
    s += p == 0 ? 15 : p == 1 ? 10 : p == 2 ? 5 : 0;
  }
  s += isnan(ac) || ac >= 0 ? 15 : ac >= -0.10 ? 10 : ac >= -0.25 ? 5 : 0;
  return s;
}

static void test_deal_health(void) {
  sqlite3_stmt *q = prep("SELECT deal_health(?,?,?,?,?,?,?)");
  int i, k, bad = 0;
  for (i = 0; i < 20000 && q; i++) {
    double v[7];
    /* Whole days (r then lands exactly on 1, 1.5, 2, 3 often) and
    ** amount changes in whole percents, around every boundary. */
    v[0] = check_rand_int(&seed, 0, 60);
    v[1] = check_rand_int(&seed, 0, 20);
    v[2] = check_rand_int(&seed, 0, 30);
    v[3] = check_rand_int(&seed, 0, 7);
    v[4] = check_rand_int(&seed, -10, 90);
    v[5] = check_rand_int(&seed, 0, 4);
    v[6] = check_rand_int(&seed, -40, 20) / 100.0;
    for (k = 0; k < 7; k++) {
      if (check_rand_int(&seed, 0, 9) == 0) v[k] = NAN;
      if (isnan(v[k])) sqlite3_bind_null(q, k + 1);
      else sqlite3_bind_double(q, k + 1, v[k]);
    }
    if (sqlite3_step(q) != SQLITE_ROW ||
        sqlite3_column_int(q, 0) != ref_deal_health(v[0], v[1], v[2], v[3], v[4], v[5], v[6])) {
      if (bad++ < 3) {
        printf("FAIL deal_health(%g,%g,%g,%g,%g,%g,%g) = %d, reference %d\n", v[0], v[1], v[2],
               v[3], v[4], v[5], v[6], sqlite3_column_int(q, 0),
               ref_deal_health(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
      }
    }
    sqlite3_reset(q);
  }
  sqlite3_finalize(q);
  CHECK_INT(bad, 0);
}

/* --------------------------------------------------- nrr, grr, mape, wape */
#define NCUST 2000
static long long aStart[NCUST], aEnd[NCUST]; /* cents; -1 = NULL */

static void test_retention_forecast(void) {
  sqlite3_stmt *ins, *q;
  int i, bad = 0;
  exec("CREATE TABLE cust(id INTEGER PRIMARY KEY, grp INT, start_mrr REAL, end_mrr REAL)");
  ins = prep("INSERT INTO cust VALUES(?,?,?,?)");
  exec("BEGIN");
  for (i = 0; i < NCUST; i++) {
    int kind = check_rand_int(&seed, 0, 9);
    aStart[i] = kind == 0 ? 0 : check_rand_int(&seed, 100, 5000000);
    aEnd[i] = kind == 1 ? -1 : kind == 2 ? 0 : check_rand_int(&seed, 0, 6000000);
    sqlite3_bind_int(ins, 1, i);
    sqlite3_bind_int(ins, 2, i / 50);
    sqlite3_bind_double(ins, 3, aStart[i] / 100.0);
    if (aEnd[i] < 0) sqlite3_bind_null(ins, 4);
    else sqlite3_bind_double(ins, 4, aEnd[i] / 100.0);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  exec("COMMIT");
  sqlite3_finalize(ins);

  q = prep("SELECT grp, nrr(start_mrr, end_mrr), grr(start_mrr, end_mrr),"
           " logo_retention(start_mrr, end_mrr), mape(start_mrr, end_mrr),"
           " wape(start_mrr, end_mrr), mape_skipped(start_mrr, end_mrr)"
           " FROM cust GROUP BY grp");
  while (static_row(q)) {
    int g = sqlite3_column_int(q, 0);
    long long s = 0, e = 0, kept = 0;
    int n = 0, kept_logo = 0, nm = 0, skipped = 0;
    double pct = 0, abserr = 0, absact = 0;
    for (i = g * 50; i < g * 50 + 50; i++) {
      long long end = aEnd[i] < 0 ? 0 : aEnd[i];
      if (aEnd[i] >= 0) { /* mape/wape skip rows with a NULL */
        abserr += fabs((double)(aStart[i] - aEnd[i])) / 100.0;
        absact += aStart[i] / 100.0;
        if (aStart[i] == 0) skipped++;
        else {
          pct += fabs((double)(aStart[i] - aEnd[i])) / (double)aStart[i];
          nm++;
        }
      }
      if (aStart[i] <= 0) continue;
      n++;
      s += aStart[i];
      e += end;
      kept += end < aStart[i] ? end : aStart[i];
      if (end > 0) kept_logo++;
    }
    /* Ratios of exact sums: equal to within rounding of the division. */
    if (fabs(sqlite3_column_double(q, 1) - (double)e / (double)s) > 1e-15) bad++;
    if (fabs(sqlite3_column_double(q, 2) - (double)kept / (double)s) > 1e-15) bad++;
    if (sqlite3_column_double(q, 3) != (double)kept_logo / n) bad++;
    if (fabs(sqlite3_column_double(q, 4) - pct / nm) > 1e-12) bad++;
    if (fabs(sqlite3_column_double(q, 5) - abserr / absact) > 1e-12) bad++;
    if (sqlite3_column_int(q, 6) != skipped) bad++;
  }
  static_rows_end(q, NCUST / 50, "retention and forecast groups");
  CHECK_INT(bad, 0);

  /* Window frames equal the aggregate over the same rows. */
  q = prep("WITH w AS (SELECT id,"
           "  nrr(start_mrr, end_mrr) OVER f AS n, grr(start_mrr, end_mrr) OVER f AS g,"
           "  logo_retention(start_mrr, end_mrr) OVER f AS l, mape(start_mrr, end_mrr) OVER f AS m,"
           "  wape(start_mrr, end_mrr) OVER f AS wa"
           "  FROM cust WINDOW f AS (ORDER BY id ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING))"
           " SELECT count(*) FROM w WHERE"
           "  n IS NOT (SELECT nrr(start_mrr, end_mrr) FROM cust c WHERE c.id BETWEEN w.id - 5 AND w.id + 5)"
           "  OR g IS NOT (SELECT grr(start_mrr, end_mrr) FROM cust c WHERE c.id BETWEEN w.id - 5 AND w.id + 5)"
           "  OR l IS NOT (SELECT logo_retention(start_mrr, end_mrr) FROM cust c WHERE c.id BETWEEN w.id - 5 AND w.id + 5)"
           "  OR abs(m - (SELECT mape(start_mrr, end_mrr) FROM cust c WHERE c.id BETWEEN w.id - 5 AND w.id + 5)) > 1e-12"
           "  OR abs(wa - (SELECT wape(start_mrr, end_mrr) FROM cust c WHERE c.id BETWEEN w.id - 5 AND w.id + 5)) > 1e-12");
  CHECK(q && sqlite3_step(q) == SQLITE_ROW);
  CHECK_INT(sqlite3_column_int(q, 0), 0);
  sqlite3_finalize(q);
}

void static_mrr(sqlite3 *db); /* test_mrr.c */
void static_mrr_source(void); /* test_mrr_source.c */

int main(void) {
  char *zErr = 0;
  sqlite3_stmt *q;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
  CHECK(sqlite3_revops_init(db, &zErr, 0) == SQLITE_OK);
  sqlite3_free(zErr);
  q = prep("SELECT revops_version()");
  CHECK(q && sqlite3_step(q) == SQLITE_ROW);
  CHECK_STR((const char *)sqlite3_column_text(q, 0), REVOPS_VERSION);
  sqlite3_finalize(q);

  test_pipeline();
  test_lead_score();
  test_deal_health();
  test_retention_forecast();
  static_library(db); /* tests/static/test_library.c: SPEC section 4 */
  static_mrr(db);
  static_mrr_source();

  sqlite3_close(db);
  printf("%d passed, %d failed\n", check_pass, check_fail);
  return check_fail != 0;
}
