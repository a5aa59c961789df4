# tests/layers/70-fuzz.sh — the fuzz layer.
#
# Each tests/fuzz/ harness replays its corpus; the SQL fuzz of every
# registered function runs a fixed number of rounds (REVOPS_FUZZ_BIN: where
# make put the binaries).
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

FB=${REVOPS_FUZZ_BIN:-build/fuzz}
for t in date json csv money; do
  if [ ! -x "$FB/replay_$t" ]; then fail "fuzz: $FB/replay_$t is missing (make builds it)"; continue; fi
  out=$("$FB/replay_$t" "tests/fuzz/corpus/$t" 2>&1)
  rc=$?
  n=$(printf '%s\n' "$out" | tail -n 1 | sed -n 's/^\([0-9]*\) passed, 0 failed$/\1/p')
  if [ "$rc" = 0 ] && [ -n "$n" ] && [ "$n" -gt 0 ]; then pass; else
    fail "fuzz: replay of tests/fuzz/corpus/$t (exit $rc)" "$(printf '%s\n' "$out" | tail -n 15)"
  fi
done
if [ ! -x "$FB/sqlfuzz" ]; then fail "fuzz: $FB/sqlfuzz is missing (make builds it)"; else
  out=$("$FB/sqlfuzz" -rounds 100 2>&1)
  rc=$?
  printf '%s\n' "$out" | grep '^FAIL' || true
  last=$(printf '%s\n' "$out" | tail -n 1)
  p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  f2=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$p" ]; then fail "fuzz: sqlfuzz did not finish (exit $rc; a crash or sanitizer report)" "$(printf '%s\n' "$out" | tail -n 30)"
  else
    PASS=$((PASS + p))
    FAIL=$((FAIL + f2))
    [ "$rc" = 0 ] || [ "$f2" != 0 ] || fail "fuzz: sqlfuzz exit status $rc" "$(printf '%s\n' "$out" | tail -n 20)"
  fi
fi
suite_summary fuzz "$PASS" "$FAIL"
