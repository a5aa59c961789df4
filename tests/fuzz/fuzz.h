/*
** fuzz.h — what the harnesses of tests/fuzz/ share.  Each fuzz_*.c
** defines LLVMFuzzerTestOneInput for one parser of ext/core; `make fuzz`
** links it with libFuzzer (clang -fsanitize=fuzzer,address,undefined),
** and the test suite links it with replay.c (plain cc) to run its corpus
** under tests/fuzz/corpus/<name>/.  A broken property calls FUZZ_ASSERT,
** which aborts: libFuzzer records the input, replay exits non-zero.
*/
#ifndef REVOPS_FUZZ_H
#define REVOPS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_ASSERT(cond)                                                   \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                              \
    }                                                                       \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
