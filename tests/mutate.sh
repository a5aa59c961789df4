#!/usr/bin/env bash
# tests/mutate.sh [SRC_DIR]
#
# Runs the mutation experiments of tests/mutations/cases.txt against the
# tree in SRC_DIR (default: this checkout's working tree): each mutation is
# applied to a fresh copy, built, and the whole tests/run.sh is run.  The
# suites must fail for every mutation; prints, per mutation, the summary
# line and the first FAIL lines.  Not part of make test (it builds the
# tree once per mutation); `make mutate` runs it.  A mutation is caught
# when the suite prints a FAIL line the unmutated tree does not.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${1:-$ROOT}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# copy_and_run [FILE EXPR]: a fresh copy of the tree (build/ and dist/ come
# along, so only what a mutation touches rebuilds), mutated when asked,
# built and run; its FAIL lines, sorted, in $TMP/fails.
copy_and_run() {
  rm -rf "$TMP/t" && mkdir -p "$TMP/t"
  (cd "$SRC" && tar --exclude=./.git --exclude=./demo.db -cf - .) | tar -xf - -C "$TMP/t"
  if [ $# = 2 ]; then
    cp "$TMP/t/$1" "$TMP/orig"
    sed -i "$2" "$TMP/t/$1"
    if cmp -s "$TMP/orig" "$TMP/t/$1"; then echo "   MUTATION DID NOT APPLY"; return 2; fi
  fi
  if ! make -s -C "$TMP/t" all build/tests/core_tests build/tests/static_tests build/demo/gen >"$TMP/build.log" 2>&1; then
    echo "   build failed: $(tail -n 3 "$TMP/build.log")"; return 2
  fi
  (cd "$TMP/t" && REVOPS_LAYERS="${MUTATE_LAYERS:-}" bash tests/run.sh dist/revops.so build/tests/core_tests \
    build/tests/static_tests build/demo/gen) >"$TMP/run.log" 2>&1
  grep '^FAIL' "$TMP/run.log" | sort -u >"$TMP/fails"
}
# The unmutated tree first: a failure it already has (another part's work
# in progress) does not count as catching a mutation.
copy_and_run || exit 2
cp "$TMP/fails" "$TMP/fails.base"
echo "unmutated: $(tail -n 1 "$TMP/run.log")"
caught=0 missed=0
while IFS=$'\t' read -r file expr what; do
  case "$file" in '#'* | '') continue ;; esac
  printf '\n== %s\n   (%s: %s)\n' "$what" "$file" "$expr"
  copy_and_run "$file" "$expr" || { missed=$((missed + 1)); continue; }
  comm -13 "$TMP/fails.base" "$TMP/fails" >"$TMP/new"
  head -n 6 "$TMP/new" | sed 's/^/   /'
  echo "   $(tail -n 1 "$TMP/run.log"); $(wc -l <"$TMP/new") FAIL lines the unmutated tree does not have"
  if [ -s "$TMP/new" ]; then caught=$((caught + 1)); else echo "   NOT CAUGHT"; missed=$((missed + 1)); fi
done <"$ROOT/tests/mutations/cases.txt"
echo "mutations: $caught caught, $missed missed"
[ "$missed" = 0 ]
