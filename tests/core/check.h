/*
** check.h — the C test harness: checks that survive NDEBUG, print what
** was expected and what came, and are counted for the final line.
*/
#ifndef REVOPS_CHECK_H
#define REVOPS_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int check_pass, check_fail;
extern int check_alloc_fail; /* main.c: make the Nth allocation from now fail */

#define CHECK(cond)                                                    \
  do {                                                                 \
    if (cond) {                                                        \
      check_pass++;                                                    \
    } else {                                                           \
      check_fail++;                                                    \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);           \
    }                                                                  \
  } while (0)

/* A precondition inside a test helper (parsing a fixture date, say): a
** failure is reported and counted, a success is not a test of its own. */
#define REQUIRE(cond)                                                  \
  do {                                                                 \
    if (!(cond)) {                                                     \
      check_fail++;                                                    \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
    }                                                                  \
  } while (0)

#define CHECK_INT(actual, expected)                                    \
  do {                                                                 \
    long long a_ = (long long)(actual), e_ = (long long)(expected);    \
    if (a_ == e_) {                                                    \
      check_pass++;                                                    \
    } else {                                                           \
      check_fail++;                                                    \
      printf("FAIL %s:%d: %s\n     expected: %lld\n     actual:   %lld\n", \
             __FILE__, __LINE__, #actual, e_, a_);                     \
    }                                                                  \
  } while (0)

#define CHECK_DBL(actual, expected, tol)                               \
  do {                                                                 \
    double a_ = (double)(actual), e_ = (double)(expected);             \
    if (fabs(a_ - e_) <= (tol)) {                                      \
      check_pass++;                                                    \
    } else {                                                           \
      check_fail++;                                                    \
      printf("FAIL %s:%d: %s\n     expected: %.17g\n     actual:   %.17g\n", \
             __FILE__, __LINE__, #actual, e_, a_);                     \
    }                                                                  \
  } while (0)

#define CHECK_STR(actual, expected)                                    \
  do {                                                                 \
    const char *a_ = (actual), *e_ = (expected);                       \
    if (a_ && e_ && strcmp(a_, e_) == 0) {                             \
      check_pass++;                                                    \
    } else {                                                           \
      check_fail++;                                                    \
      printf("FAIL %s:%d: %s\n     expected: %s\n     actual:   %s\n", \
             __FILE__, __LINE__, #actual, e_ ? e_ : "(null)",          \
             a_ ? a_ : "(null)");                                      \
    }                                                                  \
  } while (0)

/* A small deterministic PRNG (xorshift64*) for property tests: the same
** seed gives the same cases on every machine, so a failure reproduces. */
static inline unsigned long long check_rand(unsigned long long *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ULL;
}
static inline int check_rand_int(unsigned long long *s, int lo, int hi) {
  return lo + (int)(check_rand(s) % (unsigned long long)(hi - lo + 1));
}

#endif
