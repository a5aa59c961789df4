/* fuzz_csv.c — the CSV reader on any bytes, fed in chunks whose size the
** first byte picks (1..256 bytes: every buffer boundary).  Properties:
** records come out with increasing line numbers, every field is readable
** to its length, and the reader ends (0) once the input is used up. */
#include <string.h>

#include "fuzz.h"
#include "revops.h"

typedef struct Feed {
  const uint8_t *z;
  size_t n, i, chunk;
} Feed;

static long long feed_read(void *pArg, char *zBuf, size_t n) {
  Feed *f = (Feed *)pArg;
  size_t k = f->n - f->i;
  if (k > n) k = n;
  if (k > f->chunk) k = f->chunk;
  memcpy(zBuf, f->z + f->i, k);
  f->i += k;
  return (long long)k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Feed f;
  RevopsCsv *p;
  int rc, nRec = 0;
  int64_t lastLine = 0;
  if (size == 0) return 0;
  f.z = data + 1;
  f.n = size - 1;
  f.i = 0;
  f.chunk = (size_t)data[0] + 1;
  p = revops_csv_new(feed_read, &f);
  if (p == 0) return 0;
  while ((rc = revops_csv_next(p)) == 1) {
    int i, n = revops_csv_nfield(p);
    size_t len, sum = 0;
    const char *zRaw = revops_csv_raw(p, &len);
    FUZZ_ASSERT(zRaw != 0);
    FUZZ_ASSERT(revops_csv_line(p) > lastLine);
    lastLine = revops_csv_line(p);
    FUZZ_ASSERT(n >= 1);
    for (i = 0; i < n; i++) {
      const char *z = revops_csv_field(p, i, &len);
      FUZZ_ASSERT(z != 0 && z[len] == 0);
      sum += len;
    }
    (void)sum;
    (void)revops_csv_error(p);
    FUZZ_ASSERT(++nRec <= (int)size + 1);
  }
  FUZZ_ASSERT(rc == 0);
  FUZZ_ASSERT(f.i == f.n);
  revops_csv_free(p);
  return 0;
}
