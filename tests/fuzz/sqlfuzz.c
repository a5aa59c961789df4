/*
** sqlfuzz.c — a SQL-level fuzz of every function the extension registers
** (docs/security.md "Fuzzing").
**
**   sqlfuzz [-seed N] [-rounds N] [-seconds S] [-v]
**
** The list comes from revops_functions (so a new function is fuzzed
** without touching this file); direct-only table readers are skipped
** (they read files and are not part of the query extension's contract).
** Each function is called with values of every type: NULL, integers with
** their extremes, reals with inf, nan and -0, dates and near-dates, names,
** JSON models, text that is not UTF-8 or holds NUL, long text within the
** bounds, blobs.  Arguments start random; a greedy search keeps a change
** that makes a call succeed or moves the error to another argument, so
** calls reach past the argument checks.  Then:
**   - scalars, aggregates and window functions as single calls;
**   - aggregates and window functions over generated tables: plain, with
**     GROUP BY, and as window functions over sliding frames (which run
**     xInverse); each frame's value must equal the same function run as a
**     fresh aggregate over the frame's rows (xInverse removes exactly);
**   - the table-valued functions with generated sources and months.
** A case (one function, one argument count, one way of calling it) fails
** on a crash or sanitizer report (the process dies), on an error that is
** not SQLITE_ERROR with a message naming the function in valid UTF-8, on
** a TEXT result that is not valid UTF-8, on a JSON-subtype result that
** SQLite's json_valid refuses, on two different non-NULL
** result types, or on a window value that differs from the fresh
** aggregate.  Deterministic for a seed and a number of rounds; with
** -seconds it repeats rounds until the time is up.  Ends "N passed, N
** failed", one case per line of FAIL.
*/
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "revops.h"

#define MAXARG 10
#define MAXCASE 200
#define MAXROW 24

static uint64_t rngState;
static int verbose;
static long long nCalls, nOk, nErr, nFrames;

static uint64_t rnd(void) { /* splitmix64 */
  uint64_t z = (rngState += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
static int rndn(int n) { return (int)(rnd() % (uint64_t)n); }
static double rnd01(void) { return (double)(rnd() >> 11) / 9007199254740992.0; }

/* ---------------------------------------------------------------- values */

enum {
  K_NULL, K_INT_SMALL, K_INT_EXTREME, K_REAL, K_REAL_SPECIAL, K_FRACTION, K_DATE, K_DATE_ODD,
  K_NAME, K_NUMTEXT, K_BADUTF8, K_HUGE, K_BLOB, K_MODEL, K_MONTH, K_ASCII, K_NUL, K_SCORE,
  K_COUNT
};

static const char *const azName[] = {
    "pricing_page_visit", "demo_request", "icp_industry", "unsubscribed", "content_download",
    "Closed Won", "closed_lost", "Discovery", "Proposal", "Negotiation", "Qualification",
    "commit", "best_case", "pipeline", "omitted", "enterprise", "mid_market", "smb", "Hot", "MQL",
    "first_touch", "last_touch", "linear", "w_shaped", "time_decay", "u_shaped", "high", "low",
    "mystery", "", " ", "A", "ok", "NULL", "null", "healthy", "at_risk", "critical"};
static char *zDefaultModel;
static char *zHuge;
static size_t nHuge;

static void bind_kind(sqlite3_stmt *p, int i, int kind) {
  char z[128];
  switch (kind) {
    case K_NULL:
      sqlite3_bind_null(p, i);
      break;
    case K_INT_SMALL:
      sqlite3_bind_int64(p, i, rndn(4) == 0 ? rndn(3) - 1 : rndn(2000) - 200);
      break;
    case K_INT_EXTREME: {
      static const sqlite3_int64 a[] = {INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
                                        (sqlite3_int64)1 << 53, ((sqlite3_int64)1 << 53) + 1,
                                        2147483647, -2147483648LL, 4294967296LL,
                                        900000000000000LL, 900000000000001LL, 100, 101, -1};
      sqlite3_bind_int64(p, i, a[rndn((int)(sizeof(a) / sizeof(a[0])))]);
      break;
    }
    case K_REAL:
      sqlite3_bind_double(p, i, (rnd01() - 0.2) * pow(10.0, rndn(16) - 4));
      break;
    case K_REAL_SPECIAL: {
      static const double a[] = {0.0, -0.0, 1e308, -1e308, 5e-324, 1e-300, 1e15, 9e14,
                                 900000000000000.1, 0.5, 1.0, 1.0000000000000002, 100.0, 1e300};
      int k = rndn(17);
      if (k == 14) sqlite3_bind_double(p, i, INFINITY);
      else if (k == 15) sqlite3_bind_double(p, i, -INFINITY);
      else if (k == 16) sqlite3_bind_double(p, i, NAN); /* SQLite binds NULL */
      else sqlite3_bind_double(p, i, a[k]);
      break;
    }
    case K_FRACTION:
      sqlite3_bind_double(p, i, rndn(5) == 0 ? (double)rndn(2) : rnd01());
      break;
    case K_DATE: {
      int y = 2020 + rndn(8), m = 1 + rndn(12), d = 1 + rndn(28);
      if (rndn(3) == 0) {
        snprintf(z, sizeof(z), "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, rndn(24), rndn(60), rndn(60));
      } else {
        snprintf(z, sizeof(z), "%04d-%02d-%02d", y, m, d);
      }
      sqlite3_bind_text(p, i, z, -1, SQLITE_TRANSIENT);
      break;
    }
    case K_DATE_ODD: {
      static const char *const a[] = {"2026-02-30", "2024-02-29", "0000-01-01", "9999-12-31T23:59:59.999",
                                      "2026-03-01T24:00", "2026-13-01", "2026-3-1", "2026-03-01 12:00+14:00",
                                      "2026-03-01T00:00:00-23:59", "yesterday", "2026-03", "1970-01-01",
                                      "2026-03-01T12:34:56.7890Z", "+2026-03-01", "2026-03-01\n"};
      sqlite3_bind_text(p, i, a[rndn((int)(sizeof(a) / sizeof(a[0])))], -1, SQLITE_STATIC);
      break;
    }
    case K_NAME:
      sqlite3_bind_text(p, i, azName[rndn((int)(sizeof(azName) / sizeof(azName[0])))], -1,
                        SQLITE_STATIC);
      break;
    case K_NUMTEXT:
      snprintf(z, sizeof(z), "%d.%d", rndn(200), rndn(10));
      sqlite3_bind_text(p, i, z, -1, SQLITE_TRANSIENT);
      break;
    case K_BADUTF8: {
      int n = 1 + rndn(12), k;
      static const unsigned char aByte[] = {0x41, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xEF, 0xF0,
                                            0xF4, 0xF5, 0xFF, 0xA0, 0x9F, 0x22, 0x5C, 0x0A};
      for (k = 0; k < n; k++) z[k] = (char)aByte[rndn((int)sizeof(aByte))];
      sqlite3_bind_text(p, i, z, n, SQLITE_TRANSIENT);
      break;
    }
    case K_HUGE: /* long, within the bounds: up to 1.1 MB */
      sqlite3_bind_text(p, i, zHuge, (int)(rndn(2) ? nHuge : 70000 + (size_t)rndn(1000)),
                        SQLITE_STATIC);
      break;
    case K_BLOB: {
      int n = rndn(16), k;
      for (k = 0; k < n; k++) z[k] = (char)rnd();
      if (rndn(4) == 0) sqlite3_bind_zeroblob(p, i, rndn(100));
      else sqlite3_bind_blob(p, i, z, n, SQLITE_TRANSIENT);
      break;
    }
    case K_MODEL:
      if (rndn(3) == 0) {
        /* A small custom model, sometimes broken. */
        snprintf(z, sizeof(z),
                 "{\"signals\":{\"%s\":{\"points\":%d,\"group\":\"%s\"}},\"thresholds\":{\"mql\":%d}}",
                 azName[rndn(5)], rndn(40), rndn(4) ? "behavioral" : "negative", rndn(90));
        sqlite3_bind_text(p, i, z, -1, SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_text(p, i, zDefaultModel, -1, SQLITE_STATIC);
      }
      break;
    case K_MONTH:
      snprintf(z, sizeof(z), "%04d-%02d", 2020 + rndn(8), rndn(14));
      sqlite3_bind_text(p, i, z, -1, SQLITE_TRANSIENT);
      break;
    case K_ASCII: {
      int n = rndn(20), k;
      for (k = 0; k < n; k++) z[k] = (char)(32 + rndn(95));
      sqlite3_bind_text(p, i, z, n, SQLITE_TRANSIENT);
      break;
    }
    case K_NUL:
      if (rndn(2)) sqlite3_bind_text(p, i, "demo_request\0x", 14, SQLITE_STATIC);
      else sqlite3_bind_text(p, i, "a\0b", 3, SQLITE_STATIC);
      break;
    default: /* K_SCORE */
      sqlite3_bind_int(p, i, rndn(102) - 1);
      break;
  }
}

/* ------------------------------------------------------------------ cases */

typedef struct Case {
  char zName[64];
  char zKind[16]; /* scalar, window, table */
  int nArg;
  int aKind[MAXARG]; /* the argument kinds the search has reached */
  int typesSeen;     /* bit per SQLite type of non-NULL results */
  int fail;
  char zWhy[400];
  long long nCall, nOk;
} Case;

static Case aCase[MAXCASE];
static int nCase;

static void case_fail(Case *c, const char *zFmt, ...) {
  va_list ap;
  if (c->fail) return;
  c->fail = 1;
  va_start(ap, zFmt);
  vsnprintf(c->zWhy, sizeof(c->zWhy), zFmt, ap);
  va_end(ap);
}

static int utf8_ok(const char *z, size_t n) { return revops_utf8_invalid_at(z, n) == n; }

static sqlite3_stmt *pJsonValid; /* SELECT json_valid(?1), on a second connection */

/* What fuzz_check saw of its argument. */
static int checkType, checkSubtype, checkBad;

/* fuzz_check(x): record x's type and subtype; check text is UTF-8 and a
** JSON-subtype value is strict JSON.  Returns x unchanged. */
static void fuzzCheck(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sqlite3_value *v = argv[0];
  (void)argc;
  checkType = sqlite3_value_type(v);
  checkSubtype = (int)sqlite3_value_subtype(v);
  if (checkType == SQLITE_TEXT) {
    const char *z = (const char *)sqlite3_value_text(v);
    size_t n = (size_t)sqlite3_value_bytes(v);
    if (z && !utf8_ok(z, n)) checkBad = 1;
    if (z && checkSubtype == 'J') {
      /* SQLite's json_valid, on a connection of its own, is the judge. */
      sqlite3_bind_text(pJsonValid, 1, z, (int)n, SQLITE_STATIC);
      if (sqlite3_step(pJsonValid) != SQLITE_ROW || sqlite3_column_int(pJsonValid, 0) != 1) {
        checkBad = 2;
      }
      sqlite3_reset(pJsonValid);
    }
  } else if (checkSubtype == 'J' && checkType != SQLITE_NULL) {
    checkBad = 3;
  }
  sqlite3_result_value(ctx, v);
}

/* A statement of case c failed with rc: count it, and check the error is
** SQLITE_ERROR with a message in valid UTF-8 that names the function. */
static void check_error(Case *c, sqlite3 *db, int rc) {
  const char *zMsg = sqlite3_errmsg(db);
  size_t n = strlen(c->zName);
  int ext = sqlite3_extended_errcode(db);
  nErr++;
  if (rc != SQLITE_ERROR) {
    case_fail(c, "error code %d (%s): %s", ext, sqlite3_errstr(ext), zMsg);
  } else if (!utf8_ok(zMsg, strlen(zMsg))) {
    case_fail(c, "error message is not valid UTF-8");
  } else if (strncmp(zMsg, c->zName, n) != 0 || zMsg[n] != '(') {
    case_fail(c, "error does not name the function: %.200s", zMsg);
  }
}

/* Step p to the end, checking each row's column 0 (a fuzz_check call) and
** the error.  Returns 1 when it ran without error.  Values go to *pOut
** (up to nOut rows, as copies) when pOut is not NULL. */
static int run_stmt(Case *c, sqlite3 *db, sqlite3_stmt *p, sqlite3_value **apOut, int nOut,
                    int *pnRow) {
  int rc, nRow = 0, nonNull = 0;
  while (1) {
    checkBad = 0;
    rc = sqlite3_step(p);
    if (rc != SQLITE_ROW) break;
    if (checkBad == 1) case_fail(c, "a TEXT result is not valid UTF-8");
    if (checkBad == 2) case_fail(c, "a JSON-subtype result is not valid JSON: %.80s",
                                 (const char *)sqlite3_column_text(p, 0));
    if (checkBad == 3) case_fail(c, "a non-text result has the JSON subtype");
    if (sqlite3_column_type(p, 0) != SQLITE_NULL) {
      int t = sqlite3_column_type(p, 0);
      c->typesSeen |= 1 << t;
      nonNull = 1;
      if ((c->typesSeen & (c->typesSeen - 1)) != 0) {
        case_fail(c, "results of two types (mask %d), the last %.60s", c->typesSeen,
                  t == SQLITE_BLOB ? "(blob)" : (const char *)sqlite3_column_text(p, 0));
      }
    }
    if (apOut && nRow < nOut) apOut[nRow] = sqlite3_value_dup(sqlite3_column_value(p, 0));
    nRow++;
  }
  nCalls++;
  c->nCall++;
  if (pnRow) *pnRow = nRow;
  if (rc == SQLITE_DONE) {
    nOk++;
    c->nOk++;
    sqlite3_reset(p);
    return nonNull ? 1 : 2; /* 2: ran, only NULLs */
  }
  check_error(c, db, rc);
  sqlite3_reset(p);
  return 0;
}

/* The argument the message blames: "fn(): arg must ..." -> "arg". */
static void blamed(sqlite3 *db, char *zOut, size_t nOut) {
  const char *z = strstr(sqlite3_errmsg(db), "(): ");
  size_t k = 0;
  zOut[0] = 0;
  if (z == 0) return;
  z += 4;
  while (z[k] && z[k] != ' ' && k + 1 < nOut) {
    zOut[k] = z[k];
    k++;
  }
  zOut[k] = 0;
}

static sqlite3_stmt *prep(sqlite3 *db, const char *zSql) {
  sqlite3_stmt *p = 0;
  if (sqlite3_prepare_v2(db, zSql, -1, &p, 0) != SQLITE_OK) {
    fprintf(stderr, "sqlfuzz: cannot prepare %s: %s\n", zSql, sqlite3_errmsg(db));
    exit(2);
  }
  return p;
}

static char *arg_list(const char *zPrefix, int n) {
  char *z = sqlite3_mprintf("%s", "");
  int i;
  for (i = 0; i < n; i++) {
    char *zNew = sqlite3_mprintf("%s%s%s%d", z, i ? ", " : "", zPrefix, i + 1);
    sqlite3_free(z);
    z = zNew;
  }
  return z;
}

/* Single calls, with the greedy search over argument kinds. */
static void fuzz_calls(sqlite3 *db, Case *c, int nRound) {
  char *zArgs = arg_list("?", c->nArg);
  char *zSql = sqlite3_mprintf("SELECT fuzz_check(%s(%s))", c->zName, zArgs);
  sqlite3_stmt *p = prep(db, zSql);
  char zBlame[64] = "";
  int r, i, best = 0;
  for (r = 0; r < nRound; r++) {
    int aTry[MAXARG], random = rndn(10) < 3, res;
    memcpy(aTry, c->aKind, sizeof(aTry));
    if (random) {
      for (i = 0; i < c->nArg; i++) aTry[i] = rndn(K_COUNT);
    } else if (c->nArg > 0) {
      aTry[rndn(c->nArg)] = rndn(K_COUNT);
    }
    for (i = 0; i < c->nArg; i++) bind_kind(p, i + 1, aTry[i]);
    res = run_stmt(c, db, p, 0, 0, 0);
    if (!random) {
      char zNow[64];
      if (res == 0) blamed(db, zNow, sizeof(zNow));
      /* Keep what succeeds (a value beats only NULLs), or what moves the
      ** error to another argument. */
      if ((res == 1) || (res == 2 && best < 2) ||
          (res == 0 && best == 0 && strcmp(zNow, zBlame) != 0)) {
        memcpy(c->aKind, aTry, sizeof(aTry));
        if (res == 0) strcpy(zBlame, zNow);
        if (res == 1) best = 2;
        else if (res == 2 && best < 1) best = 1;
      }
    }
    sqlite3_clear_bindings(p);
  }
  sqlite3_finalize(p);
  sqlite3_free(zSql);
  sqlite3_free(zArgs);
}

/* A table t(id, a1..aN) of rows whose columns mostly follow the kinds the
** search reached. */
static int fill_table(sqlite3 *db, const Case *c) {
  char *zCols = arg_list("a", c->nArg);
  char *zArgs = arg_list("?", c->nArg + 1);
  char *zSql;
  sqlite3_stmt *p;
  int n = rndn(MAXROW + 1), r, i;
  sqlite3_exec(db, "DROP TABLE IF EXISTS t", 0, 0, 0);
  zSql = sqlite3_mprintf("CREATE TABLE t(id INTEGER PRIMARY KEY%s%s)", c->nArg ? ", " : "", zCols);
  sqlite3_exec(db, zSql, 0, 0, 0);
  sqlite3_free(zSql);
  zSql = sqlite3_mprintf("INSERT INTO t VALUES (%s)", zArgs);
  p = prep(db, zSql);
  for (r = 1; r <= n; r++) {
    sqlite3_bind_int(p, 1, r);
    for (i = 0; i < c->nArg; i++) {
      bind_kind(p, i + 2, rndn(10) == 0 ? rndn(K_COUNT) : c->aKind[i]);
    }
    sqlite3_step(p);
    sqlite3_reset(p);
  }
  sqlite3_finalize(p);
  sqlite3_free(zSql);
  sqlite3_free(zArgs);
  sqlite3_free(zCols);
  return n;
}

/* The rows of t as SQL values, to reproduce a failure. */
static char *dump_rows(sqlite3 *db, int nArg) {
  char *zSql, *zOut = 0;
  sqlite3_stmt *p;
  char *zExpr = sqlite3_mprintf("%s", "id");
  int i;
  for (i = 0; i < nArg; i++) {
    char *zNew = sqlite3_mprintf("%s || ', ' || quote(a%d)", zExpr, i + 1);
    sqlite3_free(zExpr);
    zExpr = zNew;
  }
  zSql = sqlite3_mprintf("SELECT group_concat('(' || %s || ')', ', ') FROM t", zExpr);
  if (sqlite3_prepare_v2(db, zSql, -1, &p, 0) == SQLITE_OK) {
    if (sqlite3_step(p) == SQLITE_ROW) zOut = sqlite3_mprintf("%.300s", sqlite3_column_text(p, 0));
    sqlite3_finalize(p);
  }
  sqlite3_free(zSql);
  sqlite3_free(zExpr);
  return zOut;
}

static int same_value(sqlite3_value *a, sqlite3_value *b) {
  int ta = sqlite3_value_type(a), tb = sqlite3_value_type(b);
  if (ta != tb) return 0;
  if (ta == SQLITE_NULL) return 1;
  if (ta == SQLITE_INTEGER) return sqlite3_value_int64(a) == sqlite3_value_int64(b);
  if (ta == SQLITE_FLOAT) {
    double x = sqlite3_value_double(a), y = sqlite3_value_double(b);
    /* Relative 1e-9; and 1e-12 absolute, so that a compensated sum that
    ** leaves 2e-61 after a large term left is not a finding. */
    return x == y || fabs(x - y) <= 1e-9 * fmax(fabs(x), fabs(y)) || fabs(x - y) <= 1e-12 ||
           (x != x && y != y);
  }
  return sqlite3_value_bytes(a) == sqlite3_value_bytes(b) &&
         memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)sqlite3_value_bytes(a)) == 0;
}

/* Aggregate and window calls over generated tables. */
static void fuzz_tables(sqlite3 *db, Case *c, int nRound) {
  static const char *const azFrame[][3] = {
      /* frame, first id, last id of row x's frame */
      {"ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING", "-2", "1"},
      {"ROWS BETWEEN 1 PRECEDING AND CURRENT ROW", "-1", "0"},
      {"ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING", "0", "3"},
      {"ROWS BETWEEN 4 PRECEDING AND 2 PRECEDING", "-4", "-2"},
      {"ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW", "-1000000", "0"},
  };
  char *zCols = arg_list("a", c->nArg);
  int r;
  for (r = 0; r < nRound; r++) {
    int n = fill_table(db, c), f = rndn(5), k;
    sqlite3_value *aWin[MAXROW];
    char *zSql;
    sqlite3_stmt *p;
    int nRow = 0, ok;
    /* Plain and grouped aggregate. */
    zSql = sqlite3_mprintf("SELECT fuzz_check(%s(%s)) FROM t", c->zName, zCols);
    p = prep(db, zSql);
    run_stmt(c, db, p, 0, 0, 0);
    sqlite3_finalize(p);
    sqlite3_free(zSql);
    zSql = sqlite3_mprintf("SELECT fuzz_check(%s(%s)) FROM t GROUP BY id %% 3", c->zName, zCols);
    p = prep(db, zSql);
    run_stmt(c, db, p, 0, 0, 0);
    sqlite3_finalize(p);
    sqlite3_free(zSql);
    /* A sliding frame, then each frame again as a fresh aggregate. */
    memset(aWin, 0, sizeof(aWin));
    zSql = sqlite3_mprintf("SELECT fuzz_check(%s(%s) OVER (ORDER BY id %s)) FROM t ORDER BY id",
                           c->zName, zCols, azFrame[f][0]);
    p = prep(db, zSql);
    ok = run_stmt(c, db, p, aWin, MAXROW, &nRow);
    sqlite3_finalize(p);
    sqlite3_free(zSql);
    if (ok && nRow == n) {
      zSql = sqlite3_mprintf("SELECT fuzz_check(%s(%s)) FROM t WHERE id BETWEEN ?1 + (%s) AND ?1 + (%s)",
                             c->zName, zCols, azFrame[f][1], azFrame[f][2]);
      p = prep(db, zSql);
      for (k = 0; k < nRow && k < MAXROW; k++) {
        sqlite3_value *aOne[1] = {0};
        int nOne = 0;
        sqlite3_bind_int(p, 1, k + 1);
        if (run_stmt(c, db, p, aOne, 1, &nOne) && nOne == 1 && aWin[k] &&
            ++nFrames && !same_value(aWin[k], aOne[0])) {
          char *zRows = dump_rows(db, c->nArg);
          case_fail(c, "window frame '%s' at row %d: %s, a fresh aggregate over its rows: %s;"
                    " rows (id, args): %s",
                    azFrame[f][0], k + 1, sqlite3_value_text(aWin[k]) ? (const char *)sqlite3_value_text(aWin[k]) : "NULL",
                    sqlite3_value_text(aOne[0]) ? (const char *)sqlite3_value_text(aOne[0]) : "NULL",
                    zRows ? zRows : "?");
          sqlite3_free(zRows);
        }
        sqlite3_value_free(aOne[0]);
      }
      sqlite3_finalize(p);
      sqlite3_free(zSql);
    }
    for (k = 0; k < MAXROW; k++) sqlite3_value_free(aWin[k]);
    /* Partitioned windows with a frame that empties. */
    zSql = sqlite3_mprintf("SELECT fuzz_check(%s(%s) OVER (PARTITION BY id %% 2 ORDER BY id"
                           " ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) FROM t", c->zName, zCols);
    p = prep(db, zSql);
    run_stmt(c, db, p, 0, 0, 0);
    sqlite3_finalize(p);
    sqlite3_free(zSql);
  }
  sqlite3_free(zCols);
}

/* The table-valued functions: generated sources and months. */
static void fuzz_vtab(sqlite3 *db, Case *c, int nRound) {
  static const char *const azSource[] = {
      "src", "main.src", "SELECT * FROM src", "SELECT * FROM src WHERE mrr > 1", "v_src",
      "SELECT customer_id, start_date, end_date, mrr FROM src ORDER BY 1 DESC", "nosuch",
      "DELETE FROM src", "SELECT * FROM src; DROP TABLE src", "SELECT * FROM src /* x",
      "SELECT * FROM json_each('[]')", "SELECT load_extension('x') AS customer_id, 1 AS start_date, 2 AS end_date, 3 AS mrr",
      "WITH x AS (SELECT * FROM src) SELECT * FROM x", "", " ", "PRAGMA trusted_schema=ON",
      "VALUES (1, '2026-01-01', NULL, 5)",
      "SELECT 1 AS customer_id, '2026-01-01' AS start_date, NULL AS end_date, 5 AS mrr"};
  char *zSql;
  sqlite3_stmt *pIns, *p;
  int r, i;
  sqlite3_exec(db, "DROP VIEW IF EXISTS v_src; DROP TABLE IF EXISTS src;"
                   "CREATE TABLE src(customer_id, start_date, end_date, mrr);"
                   "CREATE VIEW v_src AS SELECT * FROM src;", 0, 0, 0);
  pIns = prep(db, "INSERT INTO src VALUES (?1, ?2, ?3, ?4)");
  zSql = sqlite3_mprintf("SELECT * FROM %s(?1, ?2, ?3)", c->zName);
  p = strcmp(c->zName, "revops_functions") == 0 ? prep(db, "SELECT * FROM revops_functions") : prep(db, zSql);
  for (r = 0; r < nRound; r++) {
    int rc;
    if (r % 8 == 0) {
      int n = rndn(30);
      sqlite3_exec(db, "DELETE FROM src", 0, 0, 0);
      for (i = 0; i < n; i++) {
        /* Mostly good rows: a bad one stops the whole source. */
        bind_kind(pIns, 1, rndn(40) ? K_INT_SMALL : rndn(K_COUNT));
        bind_kind(pIns, 2, rndn(40) ? K_DATE : rndn(K_COUNT));
        bind_kind(pIns, 3, rndn(3) ? K_NULL : rndn(40) ? K_DATE : rndn(K_COUNT));
        bind_kind(pIns, 4, rndn(40) ? K_FRACTION : rndn(K_COUNT));
        sqlite3_step(pIns);
        sqlite3_reset(pIns);
      }
    }
    if (sqlite3_bind_parameter_count(p) >= 3) {
      if (rndn(4)) {
        sqlite3_bind_text(p, 1, azSource[rndn((int)(sizeof(azSource) / sizeof(azSource[0])))], -1,
                          SQLITE_STATIC);
      } else {
        bind_kind(p, 1, rndn(K_COUNT));
      }
      bind_kind(p, 2, rndn(3) ? K_NULL : rndn(2) ? K_MONTH : rndn(K_COUNT));
      bind_kind(p, 3, rndn(3) ? K_NULL : rndn(2) ? K_MONTH : rndn(K_COUNT));
    }
    while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
      for (i = 0; i < sqlite3_column_count(p); i++) {
        /* customer_id is the source's own value, passed through as it is
        ** (changing it would break joins): only what revops writes. */
        if (sqlite3_column_type(p, i) == SQLITE_TEXT &&
            sqlite3_stricmp(sqlite3_column_name(p, i), "customer_id") != 0) {
          const char *z = (const char *)sqlite3_column_text(p, i);
          if (z && !utf8_ok(z, (size_t)sqlite3_column_bytes(p, i))) {
            case_fail(c, "a TEXT column is not valid UTF-8");
          }
        }
      }
    }
    nCalls++;
    c->nCall++;
    if (rc == SQLITE_DONE) {
      nOk++;
      c->nOk++;
    } else {
      check_error(c, db, rc);
    }
    sqlite3_reset(p);
    sqlite3_clear_bindings(p);
  }
  sqlite3_finalize(p);
  sqlite3_finalize(pIns);
  sqlite3_free(zSql);
}

/* ------------------------------------------------------------ out of memory */

/* SQLite's allocator, wrapped: allocation number oomFailAt (counted from
** when it was set) fails, once; the others succeed.  Failing only one
** shows what the code does with that failure (failing every later one
** would also fail the message that reports it). */
static sqlite3_mem_methods memDefault;
static int oomFailAt, oomCount;
static void *oomMalloc(int n) {
  if (oomFailAt > 0 && ++oomCount == oomFailAt) return 0;
  return memDefault.xMalloc(n);
}
static void *oomRealloc(void *p, int n) {
  if (oomFailAt > 0 && ++oomCount == oomFailAt) return 0;
  return memDefault.xRealloc(p, n);
}

/* Each statement, with allocation k failing for k = 1, 2, ... until it
** needs fewer: every run ends in success or SQLITE_NOMEM, never another
** error (an out-of-memory seen as a message, issue 9) nor a crash or leak. */
static int fuzz_oom(sqlite3 *db, char *zWhy, size_t nWhy) {
  static const char *const azSql[] = {
      "SELECT lead_score(s, '2026-02-01', '2026-03-01', json_object('signals', json_object('sig2',"
      " json_object('points', 10, 'group', 'behavioral', 'decay', json_object('after_days', 1,"
      " 'every_days', 2, 'points', 3))))) FROM (SELECT 'sig' || value AS s FROM"
      " json_each('[1,2,3]'))",
      "SELECT lead_score_explain(s, '2026-02-01', '2026-03-01') OVER (ORDER BY s ROWS 1 PRECEDING)"
      " FROM (SELECT 'unknown' || value AS s FROM json_each('[1,2,3,4,5]'))",
      "SELECT deal_health_factors(50000, 40000, 20, 30, 3, 2, 1)",
      "SELECT * FROM mrr_waterfall('SELECT 1 AS customer_id, ''2026-01-01'' AS start_date,"
      " NULL AS end_date, 5 AS mrr')",
      "SELECT * FROM mrr_months('src')"};
  size_t i;
  for (i = 0; i < sizeof(azSql) / sizeof(azSql[0]); i++) {
    int k, done = 0;
    for (k = 1; k < 5000 && !done; k++) {
      sqlite3_stmt *p = 0;
      int rc;
      oomCount = 0;
      oomFailAt = k;
      rc = sqlite3_prepare_v2(db, azSql[i], -1, &p, 0);
      if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
        }
      }
      sqlite3_finalize(p);
      done = oomCount < k; /* the statement needed fewer allocations */
      oomFailAt = 0;
      if (rc != SQLITE_DONE && rc != SQLITE_NOMEM) {
        snprintf(zWhy, nWhy, "allocation %d failing in [%.60s...] gave %d (%s), not SQLITE_NOMEM",
                 k, azSql[i], rc, sqlite3_errmsg(db));
        return 0;
      }
    }
  }
  return 1;
}

/* ------------------------------------------------------------------- main */

static void load_cases(sqlite3 *db) {
  sqlite3_stmt *p = prep(db, "SELECT name, kind, coalesce(narg, 0) FROM revops_functions"
                             " WHERE directonly = 0 ORDER BY rowid");
  while (sqlite3_step(p) == SQLITE_ROW && nCase < MAXCASE) {
    Case *c = &aCase[nCase];
    const char *zKind = (const char *)sqlite3_column_text(p, 1);
    int narg = sqlite3_column_int(p, 2);
    if (narg < 0 || narg > MAXARG) continue;
    memset(c, 0, sizeof(*c));
    snprintf(c->zName, sizeof(c->zName), "%s", (const char *)sqlite3_column_text(p, 0));
    snprintf(c->zKind, sizeof(c->zKind), "%s", zKind);
    c->nArg = narg;
    nCase++;
  }
  sqlite3_finalize(p);
}

int main(int argc, char **argv) {
  sqlite3 *db;
  char *zErr = 0;
  long long seed = 20260301;
  int nRound = 200, i;
  double seconds = 0;
  time_t tStart = time(0);
  long long nPass = 0, nFail = 0;
  int pass;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-seed") == 0 && i + 1 < argc) seed = atoll(argv[++i]);
    else if (strcmp(argv[i], "-rounds") == 0 && i + 1 < argc) nRound = atoi(argv[++i]);
    else if (strcmp(argv[i], "-seconds") == 0 && i + 1 < argc) seconds = atof(argv[++i]);
    else if (strcmp(argv[i], "-v") == 0) verbose = 1;
    else {
      fprintf(stderr, "usage: sqlfuzz [-seed N] [-rounds N] [-seconds S] [-v]\n");
      return 2;
    }
  }
  rngState = (uint64_t)seed;
  {
    static sqlite3_mem_methods m;
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &memDefault);
    m = memDefault;
    m.xMalloc = oomMalloc;
    m.xRealloc = oomRealloc;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
  }
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
  if (sqlite3_revops_init(db, &zErr, 0) != SQLITE_OK) {
    fprintf(stderr, "sqlfuzz: %s\n", zErr ? zErr : "init failed");
    return 2;
  }
  sqlite3_create_function(db, "fuzz_check", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, fuzzCheck,
                          0, 0);
  {
    sqlite3 *db2;
    if (sqlite3_open(":memory:", &db2) != SQLITE_OK) return 2;
    pJsonValid = prep(db2, "SELECT json_valid(?1)");
  }
  {
    sqlite3_stmt *p = prep(db, "SELECT revops_lead_model()");
    sqlite3_step(p);
    zDefaultModel = sqlite3_mprintf("%s", sqlite3_column_text(p, 0));
    sqlite3_finalize(p);
  }
  nHuge = 1100000;
  zHuge = malloc(nHuge + 1);
  if (zHuge == 0 || zDefaultModel == 0) return 2;
  for (i = 0; i < (int)nHuge; i++) zHuge[i] = (char)('a' + i % 26);
  zHuge[nHuge] = 0;
  load_cases(db);
  if (nCase == 0) {
    fprintf(stderr, "sqlfuzz: revops_functions lists nothing\n");
    return 2;
  }
  for (pass = 0;; pass++) {
    for (i = 0; i < nCase; i++) {
      Case *c = &aCase[i];
      if (strcmp(c->zKind, "table") == 0) {
        fuzz_vtab(db, c, nRound);
      } else {
        fuzz_calls(db, c, nRound);
        if (strcmp(c->zKind, "scalar") != 0) fuzz_tables(db, c, nRound / 10 + 1);
      }
    }
    if (seconds <= 0 || difftime(time(0), tStart) >= seconds) break;
  }
  {
    char zWhy[400];
    sqlite3_exec(db, "DROP VIEW IF EXISTS v_src; DROP TABLE IF EXISTS src;"
                     "CREATE TABLE src(customer_id, start_date, end_date, mrr);"
                     "INSERT INTO src VALUES (1, '2025-01-01', '2025-06-01', 10), (2, '2025-02-01', NULL, 20);",
                 0, 0, 0);
    if (fuzz_oom(db, zWhy, sizeof(zWhy))) {
      nPass++;
    } else {
      nFail++;
      printf("FAIL sqlfuzz out of memory: %s\n", zWhy);
    }
  }
  for (i = 0; i < nCase; i++) {
    Case *c = &aCase[i];
    if (verbose) {
      fprintf(stderr, "%-28s %-6s %d args: %lld calls, %lld ran\n", c->zName, c->zKind, c->nArg,
              c->nCall, c->nOk);
    }
    if (c->fail) {
      nFail++;
      printf("FAIL sqlfuzz %s/%d (%s, seed %lld): %s\n", c->zName, c->nArg, c->zKind, seed, c->zWhy);
    } else {
      nPass++;
    }
  }
  fprintf(stderr,
          "sqlfuzz: seed %lld, %d passes, %lld calls (%lld ran, %lld errors), %lld window frames"
          " checked against a fresh aggregate, in %.0f s\n",
          seed, pass + 1, nCalls, nOk, nErr, nFrames, difftime(time(0), tStart));
  free(zHuge);
  sqlite3_free(zDefaultModel);
  {
    sqlite3 *db2 = sqlite3_db_handle(pJsonValid);
    sqlite3_finalize(pJsonValid);
    sqlite3_close(db2);
  }
  sqlite3_close(db);
  printf("%lld passed, %lld failed\n", nPass, nFail);
  return nFail != 0;
}
