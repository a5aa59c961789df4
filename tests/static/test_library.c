/*
** test_library.c — property tests of the SPEC section 4 functions through
** SQL, each against a second implementation written here from the docs
** (plain loops, integer cents, no code shared with ext/core).  Called from
** test_static.c's main() as static_library(db).  Seeded, so a failure
** reproduces exactly.
*/
#include <sqlite3.h>
#include <stdlib.h>

#include "check.h"
#include "static.h"
#include "revops.h"

static sqlite3 *ldb;
static unsigned long long lseed = 20261124;

#define lexec(z) static_exec(ldb, (z))
#define lprep(z) static_prep(ldb, (z))

/* n / d rounded half away from zero, for n >= 0, d > 0. */
static long long ref_div_round(long long n, long long d) { return (2 * n + d) / (2 * d); }

/* ---------------------------------------------------------- attribution */

/* docs/attribution.md, transcribed. */
static double ref_u(int pos, int n) {
  if (n == 1) return 1;
  if (n == 2) return 0.5;
  return (pos == 1 || pos == n) ? 0.4 : 0.2 / (n - 2);
}

static double ref_weight(int model, int pos, int n, int k, const double *days) {
  int i;
  double tot = 0;
  switch (model) {
    case 0: return pos == 1;
    case 1: return pos == n;
    case 2: return 1.0 / n;
    case 3: return ref_u(pos, n);
    case 4:
      if (k == 1 || k == n) return ref_u(pos, n); /* two anchors: the U */
      if (n == 3) return 1.0 / 3;
      return (pos == 1 || pos == k || pos == n) ? 0.3 : 0.1 / (n - 3);
    default:
      for (i = 0; i < n; i++) tot += pow(0.5, days[i] / 7);
      return pow(0.5, days[pos - 1] / 7) / tot;
  }
}

static void test_attribution_sql(void) {
  static const char *const azModel[] = {"first_touch", "last_touch", "linear",
                                        "u_shaped", "w_shaped", "time_decay"};
  static double aDays[2000][50];
  static int aConvN[2000], aConvK[2000];
  sqlite3_stmt *ins, *q;
  int nConv = 0, n, k, i, m, bad = 0, badSum = 0, rows = 0;

  /* Conversions of 1..50 touches; for w_shaped every opportunity position
  ** of every size, for the other models one conversion per size. */
  lexec("CREATE TABLE tp(conv INT, model TEXT, pos INT, n INT, k INT, days REAL)");
  ins = lprep("INSERT INTO tp VALUES(?,?,?,?,?,?)");
  lexec("BEGIN");
  for (m = 0; m < 6; m++) {
    for (n = 1; n <= 50; n++) {
      for (k = 1; k <= (m == 4 ? n : 1); k++) {
        aConvN[nConv] = n;
        aConvK[nConv] = k;
        for (i = 0; i < n; i++) {
          /* whole and fractional days, 0..120 */
          aDays[nConv][i] = check_rand_int(&lseed, 0, 1200) / 10.0;
          sqlite3_bind_int(ins, 1, nConv);
          sqlite3_bind_text(ins, 2, azModel[m], -1, SQLITE_STATIC);
          sqlite3_bind_int(ins, 3, i + 1);
          sqlite3_bind_int(ins, 4, n);
          sqlite3_bind_int(ins, 5, k);
          sqlite3_bind_double(ins, 6, aDays[nConv][i]);
          sqlite3_step(ins);
          sqlite3_reset(ins);
        }
        nConv++;
      }
    }
  }
  lexec("COMMIT");
  sqlite3_finalize(ins);

  /* Positions and counts from window functions, as a user writes them;
  ** the rows are inserted in position order, so rowid orders them. */
  q = lprep("SELECT conv, model, pos,"
            " attribution_weight(model, row_number() OVER w, count(*) OVER c,"
            "   CASE model WHEN 'w_shaped' THEN k ELSE days END,"
            "   attribution_decay_total(days) OVER c)"
            " FROM tp WINDOW w AS (PARTITION BY conv ORDER BY rowid), c AS (PARTITION BY conv)"
            " ORDER BY conv, pos");
  {
    int cur = -1;
    double sum = 0;
    while (static_row(q)) {
      int conv = sqlite3_column_int(q, 0), pos = sqlite3_column_int(q, 2);
      const char *zModel = (const char *)sqlite3_column_text(q, 1);
      double w = sqlite3_column_double(q, 3), want;
      for (m = 0; strcmp(azModel[m], zModel) != 0; m++) {
      }
      if (conv != cur) {
        if (cur >= 0 && fabs(sum - 1) > 1e-12) badSum++;
        cur = conv;
        sum = 0;
      }
      sum += w;
      rows++;
      want = ref_weight(m, pos, aConvN[conv], aConvK[conv], aDays[conv]);
      if (fabs(w - want) > 1e-14) {
        if (bad++ < 3) printf("FAIL %s pos %d of %d (k %d): %.17g vs %.17g\n", zModel, pos,
                              aConvN[conv], aConvK[conv], w, want);
      }
    }
    if (cur >= 0 && fabs(sum - 1) > 1e-12) badSum++;
  }
  static_rows_end(q, 5 * 1275 + 42925, "attribution weights");
  /* 5 models x (1 + ... + 50) rows, plus w_shaped's sum of n x n. */
  CHECK_INT(rows, 5 * 1275 + 42925);
  CHECK_INT(bad, 0);
  CHECK_INT(badSum, 0);

  /* attribution_decay_total over a moving frame against a plain sum. */
  bad = 0;
  q = lprep("SELECT rowid, attribution_decay_total(days) OVER (ORDER BY rowid ROWS BETWEEN 4 PRECEDING"
            " AND 2 FOLLOWING), (SELECT group_concat(days) FROM tp t2 WHERE t2.model = tp.model AND t2.rowid BETWEEN"
            " tp.rowid - 4 AND tp.rowid + 2) FROM tp WHERE model = 'time_decay' ORDER BY rowid");
  while (static_row(q)) {
    double got = sqlite3_column_double(q, 1), want = 0;
    const char *z = (const char *)sqlite3_column_text(q, 2);
    while (z && *z) {
      want += pow(0.5, strtod(z, (char **)&z) / 7);
      if (*z == ',') z++;
    }
    if (fabs(got - want) > 1e-12 * want) bad++;
  }
  static_rows_end(q, 1275, "attribution_decay_total frames");
  CHECK_INT(bad, 0);
}

/* ------------------------------------------------------------- win_rate */

#define NWIN 3000
static int aWon[NWIN]; /* 0, 1, or -1 for NULL */

static void test_win_rate_sql(void) {
  sqlite3_stmt *ins, *q;
  int i, bad = 0;
  lexec("CREATE TABLE wr(id INTEGER PRIMARY KEY, grp INT, is_won INT)");
  ins = lprep("INSERT INTO wr VALUES(?,?,?)");
  lexec("BEGIN");
  for (i = 0; i < NWIN; i++) {
    aWon[i] = check_rand_int(&lseed, -1, 1);
    sqlite3_bind_int(ins, 1, i);
    sqlite3_bind_int(ins, 2, i / 30);
    if (aWon[i] < 0) sqlite3_bind_null(ins, 3);
    else sqlite3_bind_int(ins, 3, aWon[i]);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  lexec("COMMIT");
  sqlite3_finalize(ins);
  q = lprep("SELECT id, win_rate(is_won) OVER (ORDER BY id ROWS BETWEEN 6 PRECEDING AND 2 FOLLOWING),"
            " win_rate(is_won) OVER (PARTITION BY grp) FROM wr ORDER BY id");
  while (static_row(q)) {
    int id = sqlite3_column_int(q, 0), won = 0, closed = 0, g;
    for (i = id - 6 < 0 ? 0 : id - 6; i <= id + 2 && i < NWIN; i++) {
      if (aWon[i] >= 0) closed++, won += aWon[i];
    }
    if (closed == 0 ? sqlite3_column_type(q, 1) != SQLITE_NULL
                    : sqlite3_column_double(q, 1) != (double)won / closed) bad++;
    won = closed = 0;
    for (g = id / 30 * 30, i = g; i < g + 30; i++) {
      if (aWon[i] >= 0) closed++, won += aWon[i];
    }
    if (closed == 0 ? sqlite3_column_type(q, 2) != SQLITE_NULL
                    : sqlite3_column_double(q, 2) != (double)won / closed) bad++;
  }
  static_rows_end(q, NWIN, "win_rate frames");
  CHECK_INT(bad, 0);
}

/* ------------------------------------------------- money to the cent */

/* Integer inputs (cents, whole percents, whole days), so the exact result
** is a rational number and the reference rounds it half away from zero
** with integer arithmetic. */
static void test_money_sql(void) {
  sqlite3_stmt *q = lprep("SELECT cac(?1 / 100.0, ?2), arr(?3 / 100.0),"
                          " sales_velocity(?2, ?4 / 100.0, ?1 / 100.0, ?5),"
                          " required_pipeline(?1 / 100.0, ?4 / 100.0, ?6 / 100.0),"
                          " ltv(?3 / 100.0, ?4 / 100.0, ?7 / 100.0),"
                          " ltv(?3 / 100.0, ?4 / 100.0, ?7 / 100.0, ?5),"
                          " required_aes(?1 / 100.0, ?3 / 100.0, ?4 / 100.0)");
  int i, bad = 0;
  for (i = 0; i < 20000 && q; i++) {
    long long amount = check_rand_int(&lseed, 0, 1000000000);  /* up to $10M */
    long long count = check_rand_int(&lseed, 1, 100);
    long long mrr = check_rand_int(&lseed, 1, 100000000);
    long long pct = check_rand_int(&lseed, 1, 100);
    long long days = check_rand_int(&lseed, 1, 365);
    long long cov = check_rand_int(&lseed, 0, 500);
    long long churn = check_rand_int(&lseed, 1, 100);
    long long want[7], absMrr = mrr;
    int k;
    sqlite3_bind_int64(q, 1, amount);
    sqlite3_bind_int64(q, 2, count);
    sqlite3_bind_int64(q, 3, absMrr);
    sqlite3_bind_int64(q, 4, pct);
    sqlite3_bind_int64(q, 5, days);
    sqlite3_bind_int64(q, 6, cov);
    sqlite3_bind_int64(q, 7, churn);
    if (sqlite3_step(q) != SQLITE_ROW) {
      bad++;
      sqlite3_reset(q);
      continue;
    }
    want[0] = ref_div_round(amount, count);                        /* cac */
    want[1] = absMrr * 12;                                          /* arr */
    want[2] = ref_div_round(count * pct * amount, 100 * days);      /* velocity */
    want[3] = ref_div_round(amount * cov, pct);                     /* required */
    want[4] = ref_div_round(absMrr * pct, churn);                   /* ltv */
    /* capped: lifetime 100 / churn months, capped at `days` months */
    want[5] = 100 > days * churn ? ref_div_round(absMrr * pct * days, 100) : want[4];
    /* required AEs: ceil(amount / (absMrr x pct / 100)) */
    want[6] = (amount * 100 + absMrr * pct - 1) / (absMrr * pct);
    for (k = 0; k < 7; k++) {
      double got = sqlite3_column_double(q, k);
      int ok = k == 6 ? sqlite3_column_int64(q, k) == want[k]
                      : got == (double)want[k] / 100.0;
      if (!ok && bad++ < 5) {
        printf("FAIL money column %d: amount %lld count %lld mrr %lld pct %lld days %lld cov %lld"
               " churn %lld: %.17g vs %lld\n", k, amount, count, absMrr, pct, days, cov, churn, got,
               want[k]);
      }
    }
    sqlite3_reset(q);
  }
  sqlite3_finalize(q);
  CHECK_INT(bad, 0);
}

/* ------------------------------------------ customer_health, churn_risk */

/* docs/accounts.md tables, transcribed.  NaN stands for NULL. */
static int ref_health(const double *a) {
  int s = 0;
  double v;
  v = a[0];
  s += isnan(v) ? 10 : v >= 50 ? 20 : v >= 30 ? 16 : v >= 0 ? 10 : v >= -30 ? 4 : 0;
  v = a[1];
  s += isnan(v) ? 5 : v >= 4.5 ? 10 : v >= 4 ? 8 : v >= 3.5 ? 5 : v >= 3 ? 2 : 0;
  v = isnan(a[2]) ? 0 : a[2];
  s += v == 0 ? 10 : v <= 2 ? 7 : v <= 5 ? 3 : 0;
  v = a[3];
  s += isnan(v) ? 10 : v >= 0.95 ? 10 : v >= 0.90 ? 7 : v >= 0.80 ? 3 : 0;
  v = isnan(a[4]) ? 0 : a[4];
  if (v == 0) {
    s += 15;
  } else {
    double d = a[5];
    int b = isnan(d) ? 6 : d <= 30 ? 10 : d <= 60 ? 6 : d <= 90 ? 3 : 0;
    b -= 2 * ((int)v - 1);
    s += b < 0 ? 0 : b;
  }
  v = a[6];
  s += isnan(v) ? 0 : v <= 14 ? 20 : v <= 30 ? 15 : v <= 60 ? 8 : v <= 90 ? 3 : 0;
  s += (a[7] == 1 ? 8 : 0) + (a[8] == 1 ? 7 : 0);
  return s;
}

static int ref_churn(double h, double d, double u) {
  int s = isnan(h) ? 30 : (int)floor((100 - h) * 0.6 + 0.5 + 1e-9);
  s += isnan(d) || d <= 30 ? 20 : d <= 90 ? 14 : d <= 180 ? 7 : 0;
  s += isnan(u) || u >= 0 ? 0 : u >= -0.10 ? 5 : u >= -0.25 ? 10 : u >= -0.5 ? 15 : 20;
  return s;
}

static void test_health_sql(void) {
  sqlite3_stmt *q = lprep("SELECT customer_health(?,?,?,?,?,?,?,?,?)");
  sqlite3_stmt *r = lprep("SELECT churn_risk(?,?,?)");
  int i, k, bad = 0;
  for (i = 0; i < 20000 && q; i++) {
    double a[9];
    /* Values on and around every band boundary. */
    a[0] = check_rand_int(&lseed, -20, 20) * 5;
    a[1] = check_rand_int(&lseed, 2, 10) / 2.0;
    a[2] = check_rand_int(&lseed, 0, 8);
    a[3] = check_rand_int(&lseed, 70, 100) / 100.0;
    a[4] = check_rand_int(&lseed, 0, 7);
    a[5] = check_rand_int(&lseed, 0, 40) * 3;
    a[6] = check_rand_int(&lseed, 0, 50) * 2;
    a[7] = check_rand_int(&lseed, 0, 1);
    a[8] = check_rand_int(&lseed, 0, 1);
    for (k = 0; k < 9; k++) {
      if (check_rand_int(&lseed, 0, 9) == 0) a[k] = NAN;
      if (isnan(a[k])) sqlite3_bind_null(q, k + 1);
      else sqlite3_bind_double(q, k + 1, a[k]);
    }
    if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_int(q, 0) != ref_health(a)) {
      if (bad++ < 3) {
        printf("FAIL customer_health(%g,%g,%g,%g,%g,%g,%g,%g,%g) = %d, reference %d\n", a[0], a[1],
               a[2], a[3], a[4], a[5], a[6], a[7], a[8], sqlite3_column_int(q, 0), ref_health(a));
      }
    }
    sqlite3_reset(q);
  }
  for (i = 0; i < 20000 && r; i++) {
    double h = check_rand_int(&lseed, 0, 200) / 2.0;
    double d = check_rand_int(&lseed, -10, 200);
    double u = check_rand_int(&lseed, -100, 40) / 100.0;
    if (check_rand_int(&lseed, 0, 9) == 0) h = NAN;
    if (check_rand_int(&lseed, 0, 9) == 0) d = NAN;
    if (check_rand_int(&lseed, 0, 9) == 0) u = NAN;
    if (isnan(h)) sqlite3_bind_null(r, 1); else sqlite3_bind_double(r, 1, h);
    if (isnan(d)) sqlite3_bind_null(r, 2); else sqlite3_bind_double(r, 2, d);
    if (isnan(u)) sqlite3_bind_null(r, 3); else sqlite3_bind_double(r, 3, u);
    if (sqlite3_step(r) != SQLITE_ROW || sqlite3_column_int(r, 0) != ref_churn(h, d, u)) {
      if (bad++ < 3) {
        printf("FAIL churn_risk(%g,%g,%g) = %d, reference %d\n", h, d, u, sqlite3_column_int(r, 0),
               ref_churn(h, d, u));
      }
    }
    sqlite3_reset(r);
  }
  sqlite3_finalize(q);
  sqlite3_finalize(r);
  CHECK_INT(bad, 0);
}

/* ------------------------------------------------------------------ nps */

#define NANSWER 2000
static int aAnswer[NANSWER]; /* 0..10, -1 NULL */

static void test_nps_sql(void) {
  sqlite3_stmt *ins, *q;
  int i, bad = 0;
  lexec("CREATE TABLE ans(id INTEGER PRIMARY KEY, answer INT)");
  ins = lprep("INSERT INTO ans VALUES(?,?)");
  lexec("BEGIN");
  for (i = 0; i < NANSWER; i++) {
    aAnswer[i] = check_rand_int(&lseed, -1, 10);
    sqlite3_bind_int(ins, 1, i);
    if (aAnswer[i] < 0) sqlite3_bind_null(ins, 2);
    else sqlite3_bind_int(ins, 2, aAnswer[i]);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  lexec("COMMIT");
  sqlite3_finalize(ins);
  q = lprep("SELECT id, nps(answer) OVER (ORDER BY id ROWS BETWEEN 9 PRECEDING AND CURRENT ROW)"
            " FROM ans ORDER BY id");
  while (static_row(q)) {
    int id = sqlite3_column_int(q, 0), pro = 0, det = 0, n = 0;
    for (i = id - 9 < 0 ? 0 : id - 9; i <= id; i++) {
      if (aAnswer[i] < 0) continue;
      n++;
      if (aAnswer[i] >= 9) pro++;
      if (aAnswer[i] <= 6) det++;
    }
    if (n == 0 ? sqlite3_column_type(q, 1) != SQLITE_NULL
               : fabs(sqlite3_column_double(q, 1) - 100.0 * (pro - det) / n) > 1e-12) bad++;
  }
  static_rows_end(q, NANSWER, "nps frames");
  CHECK_INT(bad, 0);
}

void static_library(sqlite3 *db) {
  ldb = db;
  test_attribution_sql();
  test_win_rate_sql();
  test_money_sql();
  test_health_sql();
  test_nps_sql();
}
