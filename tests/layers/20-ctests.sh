# tests/layers/20-ctests.sh — the ctests layer.
#
# The C test binaries: core (ext/core without SQLite), core-no128 (the same
# with the portable 128-bit arithmetic), static (the static library against
# libsqlite3: registration, property tests).  Each binary ends with "N
# passed, N failed"; a binary that does not is a FAIL.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

run_c_tests() { # name binary
  local out rc p f
  out=$("$2" 2>&1)
  rc=$?
  printf '%s\n' "$out" | grep '^FAIL' || true
  p=$(printf '%s\n' "$out" | tail -n 1 | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  f=$(printf '%s\n' "$out" | tail -n 1 | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$p" ]; then
    fail "$1: did not finish (exit $rc)" "$(printf '%s\n' "$out" | tail -n 20)"
    return
  fi
  PASS=$((PASS + p))
  FAIL=$((FAIL + f))
  [ "$rc" = 0 ] || [ "$f" != 0 ] || fail "$1: exit status $rc" "$(printf '%s\n' "$out" | tail -n 20)"
  suite_summary "$1" "$p" "$f"
}
run_c_tests core "$CORE_TESTS"
# The same tests with the two-halves 128-bit arithmetic (REVOPS_NO_INT128).
if [ -n "$CORE_TESTS_NO128" ]; then run_c_tests core-no128 "$CORE_TESTS_NO128"; fi
run_c_tests static "$STATIC_TESTS"
