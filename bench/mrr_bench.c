/*
** bench/mrr_bench.c — time one SQL statement read to the end, for
** bench_mrr.sh.  Every column of every row is fetched in its own type (as
** a consumer would), so the "floor" query (the sorted source) pays for
** reading its rows just as mrr_waterfall pays inside the extension.
**
**   mrr_bench DB EXTENSION REPEAT SQL [OUTFILE]
**
** prints "<best seconds> <rows>"; with OUTFILE, also writes the rows
** (tab-separated) there, to compare two queries' results.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  sqlite3 *db;
  sqlite3_stmt *p;
  char *zErr = 0;
  double best = -1, sink = 0;
  long long rows = 0;
  int repeat, r, i;
  FILE *out = 0;
  if (argc < 5) {
    fprintf(stderr, "usage: %s DB EXTENSION REPEAT SQL [OUTFILE]\n", argv[0]);
    return 2;
  }
  repeat = atoi(argv[3]);
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK) {
    fprintf(stderr, "open: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, argv[2], 0, &zErr) != SQLITE_OK) {
    fprintf(stderr, "load: %s\n", zErr);
    return 1;
  }
  if (argc > 5) out = fopen(argv[5], "w");
  for (r = 0; r < repeat; r++) {
    double t0 = now(), dt;
    int rc;
    if (sqlite3_prepare_v2(db, argv[4], -1, &p, 0) != SQLITE_OK) {
      fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
      return 1;
    }
    rows = 0;
    while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
      int n = sqlite3_column_count(p);
      rows++;
      for (i = 0; i < n; i++) {
        switch (sqlite3_column_type(p, i)) {
          case SQLITE_INTEGER: sink += (double)sqlite3_column_int64(p, i); break;
          case SQLITE_FLOAT: sink += sqlite3_column_double(p, i); break;
          case SQLITE_NULL: break;
          default: sink += sqlite3_column_bytes(p, i); break;
        }
        if (out && r == 0) {
          const unsigned char *z = sqlite3_column_text(p, i);
          fprintf(out, "%s%s", i ? "\t" : "", z ? (const char *)z : "NULL");
        }
      }
      if (out && r == 0) fputc('\n', out);
    }
    if (rc != SQLITE_DONE) {
      fprintf(stderr, "step: %s\n", sqlite3_errmsg(db));
      return 1;
    }
    sqlite3_finalize(p);
    dt = now() - t0;
    if (best < 0 || dt < best) best = dt;
  }
  if (out) fclose(out);
  printf("%.3f %lld\n", best, rows);
  sqlite3_close(db);
  return sink == -1; /* keep the reads */
}
