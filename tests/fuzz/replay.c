/*
** replay.c — run a harness over files without libFuzzer: each argument is
** a file or a directory of files (not recursive).  Built with plain cc by
** `make test`, so CI replays the corpora under tests/fuzz/corpus/ with the
** same properties (and, in `make asan`, the same sanitizers) as the
** fuzzers.  Prints "N passed, 0 failed"; a broken property aborts.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *zPath) {
  FILE *f = fopen(zPath, "rb");
  uint8_t *a;
  long n;
  if (f == 0 || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "cannot read %s\n", zPath);
    if (f) fclose(f);
    return 0;
  }
  /* Its own allocation of exactly n bytes, so ASan sees any overread. */
  a = malloc((size_t)n ? (size_t)n : 1);
  if (a == 0 || fread(a, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "cannot read %s\n", zPath);
    fclose(f);
    free(a);
    return 0;
  }
  fclose(f);
  LLVMFuzzerTestOneInput(a, (size_t)n);
  free(a);
  return 1;
}

int main(int argc, char **argv) {
  int i, nOk = 0, nBad = 0;
  for (i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "FAIL no such file: %s\n", argv[i]);
      nBad++;
    } else if (S_ISDIR(st.st_mode)) {
      DIR *d = opendir(argv[i]);
      struct dirent *e;
      while (d && (e = readdir(d)) != 0) {
        char *z;
        if (e->d_name[0] == '.') continue;
        z = malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
        if (z == 0) return 2;
        sprintf(z, "%s/%s", argv[i], e->d_name);
        if (run_file(z)) nOk++; else nBad++;
        free(z);
      }
      if (d) closedir(d);
    } else if (run_file(argv[i])) {
      nOk++;
    } else {
      nBad++;
    }
  }
  printf("%d passed, %d failed\n", nOk, nBad);
  return nBad != 0;
}
