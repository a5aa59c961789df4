/* fuzz_money.c — money quantisation and the exact accumulator, driven by
** the input as a list of operations (one op byte and an 8-byte double).
** Properties: quantise accepts exactly the finite amounts within
** REVOPS_MONEY_MAX and lands within half a unit; adding then removing the
** same amounts in any order restores the accumulator exactly; its value
** agrees with a 128-bit reference sum kept here; rounding to the cent
** of a finite value is finite. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "revops.h"

#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 FuzzI128; /* the reference, not portable C */
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  RevopsMoney m, zero;
  int64_t aUnits[64], aWeight[64];
  int n = 0, i;
#ifdef __SIZEOF_INT128__
  FuzzI128 ref = 0;
#endif
  revops_money_zero(&m);
  revops_money_zero(&zero);
  while (size >= 9 && n < 64) {
    uint8_t op = data[0];
    double d;
    int64_t units;
    int ok;
    memcpy(&d, data + 1, 8);
    data += 9;
    size -= 9;
    ok = revops_money_quantize(d, &units) == REVOPS_OK;
    FUZZ_ASSERT(ok == (isfinite(d) && fabs(d) <= REVOPS_MONEY_MAX));
    if (isfinite(d)) FUZZ_ASSERT(isfinite(revops_round_cents(d)));
    if (!ok) continue;
    FUZZ_ASSERT(fabs((double)units / REVOPS_MONEY_SCALE - d) <= 0.5e-4 * (1 + 1e-9) + fabs(d) * 1e-15);
    {
      /* The weight: a fraction from the op byte, in quarters 1, 2 or 4. */
      double w = (double)(op >> 2) / 63.0;
      int q = (op & 3) == 0 ? 1 : (op & 3) == 1 ? 2 : 4;
      int64_t weight = revops_weight_quantize(w, q);
      FUZZ_ASSERT(weight >= 0 && weight <= REVOPS_WEIGHT_SCALE);
      revops_money_add(&m, units, weight);
      aUnits[n] = units;
      aWeight[n++] = weight;
#ifdef __SIZEOF_INT128__
      ref += (FuzzI128)units * weight;
#endif
    }
  }
#ifdef __SIZEOF_INT128__
  {
    double want = (double)ref / ((double)REVOPS_MONEY_SCALE * (double)REVOPS_WEIGHT_SCALE);
    double got = revops_money_value(&m);
    FUZZ_ASSERT(fabs(got - want) <= fabs(want) * 1e-12 + 1e-12);
    FUZZ_ASSERT(isfinite(revops_money_cents(&m)));
  }
#endif
  /* Remove in reverse order of a rotation: the sum is order-free. */
  for (i = 0; i < n; i++) {
    int k = (i + n / 2) % n;
    revops_money_sub(&m, aUnits[k], aWeight[k]);
  }
  FUZZ_ASSERT(m.lo == zero.lo && m.hi == zero.hi);
  return 0;
}
