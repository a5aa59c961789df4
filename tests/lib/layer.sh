# tests/lib/layer.sh — what a layer file (tests/layers/*.sh) is given.
# Sourced by tests/run.sh after it has read its arguments and moved to the
# repository root (every path a layer writes is relative to it).
#
# Variables:
#   EXT, LOAD            the query extension (dist/revops.so; LOAD without
#                        the suffix, for .load and load_extension)
#   IMPORT_EXT,          the import module beside it (dist/revops_import.so)
#   IMPORT_LOAD
#   CORE_TESTS, STATIC_TESTS, GEN, CORE_TESTS_NO128
#                        the C test binaries and the demo generator make
#                        passes (GEN, CORE_TESTS_NO128 may be empty)
#   ROOT                 the repository root (the current directory)
#   TMP                  the layer's own scratch directory (removed after)
#   D                    the data layer's demo set, in a layer whose header
#                        says "needs: data" (a.db, b.db: two builds from
#                        one seed at SCALE=0.1; a/, b/: their CSV files)
#   SQLITE (array)       the sqlite3 shell to run: "${SQLITE[@]}" ... (the
#                        ASan runtime preloaded under make asan); SQLITE3
#                        the same as one word, exported for the sh scripts
#   PY, PY_RUN (array)   /usr/bin/python3, and how to run it on the
#                        extension ("${PY_RUN[@]}" script.py ...)
#   ASAN_RT              the sanitizer runtime (REVOPS_ASAN=1 only)
#   PASS, FAIL           the layer's counts, 0 when it starts
#
# Helpers:
#   pass                 one case passed
#   fail LABEL [LINE...] one case failed: "FAIL LABEL", then each LINE
#                        indented below it
#   add_counts RESULT    RESULT's lines are FAIL reports, then "ok bad":
#                        prints the reports, adds the counts (a missing
#                        last line is a FAIL: the suite crashed)
#   script_counts LABEL RC OUTPUT
#                        a test script's OUTPUT (its exit status RC) that
#                        ends with "N passed, N failed": prints its FAIL
#                        and SKIP lines (with the indented lines under
#                        them) and adds its counts; one that ended without
#                        that line is a FAIL "LABEL: did not finish"
#                        (returns 1)
#   suite_summary NAME P F
#                        the layer's summary line ("sql        12 passed,
#                        0 failed"); a layer prints one (or one per part)
# A real Datasette for the report and security layers: the source tree of
# Datasette 0.64.8 the project's shared folder carries (docs/datasette.md),
# unless the caller names another; tests/deps.sh installs what it imports.
if [ -z "${REVOPS_DATASETTE_PATH:-}" ] && [ -d "$ROOT/../shared/datasette-src/datasette" ]; then
  D_SRC=$(cd "$ROOT/../shared/datasette-src" && pwd)
  export REVOPS_DATASETTE_PATH="$D_SRC:$D_SRC/pylib"
fi
PASS=0
FAIL=0
SQLITE=(sqlite3 -batch)
PY=/usr/bin/python3
if [ "${REVOPS_ASAN:-}" = 1 ]; then
  # The shell and Python are not instrumented: preload the runtime the .so
  # needs into them (and only them: sed and awk have leaks of their own).
  ASAN_RT=$(cc -print-file-name=libasan.so)
  SQLITE=(env "LD_PRELOAD=$ASAN_RT" sqlite3 -batch)
  PY_RUN=(env "LD_PRELOAD=$ASAN_RT" ASAN_OPTIONS=detect_leaks=0:exitcode=99 "$PY")
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  PY_RUN=("$PY")
fi
# The shell sql/import/import.sh and sql/views/install.sh run (the ASan
# preload included), for every layer: each runs in a child of its own, so
# no layer sees what another exported.
SQLITE3="${SQLITE[*]}"
export SQLITE3

pass() { PASS=$((PASS + 1)); }
fail() {
  FAIL=$((FAIL + 1))
  printf 'FAIL %s\n' "$1"
  shift
  for line in "$@"; do printf '     %s\n' "$line"; done
}
script_counts() {
  local last
  printf '%s\n' "$3" | awk '/^(FAIL|SKIP)/ { p = 1; print; next } /^     / { if (p) print; next } { p = 0 }'
  last=$(printf '%s\n' "$3" | tail -n 1)
  if ! [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    fail "$1: did not finish (exit $2)" "$(printf '%s\n' "$3" | tail -n 20)"
    return 1
  fi
  PASS=$((PASS + BASH_REMATCH[1]))
  FAIL=$((FAIL + BASH_REMATCH[2]))
}
suite_summary() { printf '%-10s %d passed, %d failed\n' "$1" "$2" "$3"; }
# A suite that died before its "ok bad" line (a crash) is a failure, not
# an arithmetic error that leaves the totals untouched.
add_counts() {
  local counts
  counts=$(printf '%s\n' "$1" | tail -n 1)
  printf '%s\n' "$1" | sed '$d'
  if ! [[ "$counts" =~ ^[0-9]+\ [0-9]+$ ]]; then
    fail "a suite ended without its counts (it crashed or stopped early); its last line: $counts"
    return
  fi
  PASS=$((PASS + ${counts% *}))
  FAIL=$((FAIL + ${counts#* }))
}
