#!/usr/bin/env bash
# tests/mutate.sh [SRC_DIR]
#
# Runs the mutation experiments of tests/mutations/cases.txt against the
# tree in SRC_DIR (default: this checkout's working tree): each mutation is
# applied to a fresh copy, built, and the whole tests/run.sh is run.  The
# suites must fail for every mutation; prints, per mutation, the summary
# line and the first FAIL lines.  Not part of make test (it builds the
# tree once per mutation); `make mutate` runs it.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=${1:-$ROOT}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
caught=0 missed=0
while IFS=$'\t' read -r file expr what; do
  case "$file" in '#'* | '') continue ;; esac
  rm -rf "$TMP/t" && mkdir -p "$TMP/t"
  # build/ and dist/ come along, so only what the mutation touches rebuilds.
  (cd "$SRC" && tar --exclude=./.git --exclude=./demo.db -cf - .) | tar -xf - -C "$TMP/t"
  cp "$TMP/t/$file" "$TMP/orig"
  sed -i "$expr" "$TMP/t/$file"
  if cmp -s "$TMP/orig" "$TMP/t/$file"; then
    echo "MUTATION DID NOT APPLY: $file: $expr"; missed=$((missed + 1)); continue
  fi
  printf '\n== %s\n   (%s: %s)\n' "$what" "$file" "$expr"
  if ! make -s -C "$TMP/t" all build/tests/core_tests build/tests/static_tests build/demo/gen >"$TMP/build.log" 2>&1; then
    echo "   build failed: $(tail -n 3 "$TMP/build.log")"; missed=$((missed + 1)); continue
  fi
  (cd "$TMP/t" && bash tests/run.sh dist/revops.so build/tests/core_tests build/tests/static_tests build/demo/gen) >"$TMP/run.log" 2>&1
  rc=$?
  grep '^FAIL' "$TMP/run.log" | head -n 6 | sed 's/^/   /'
  grep -E '^[a-z]+ +[0-9]+ passed, [1-9][0-9]* failed$' "$TMP/run.log" | sed 's/^/   layer /'
  echo "   $(tail -n 1 "$TMP/run.log")"
  if [ "$rc" != 0 ]; then caught=$((caught + 1)); else echo "   NOT CAUGHT"; missed=$((missed + 1)); fi
done <"$ROOT/tests/mutations/cases.txt"
echo "mutations: $caught caught, $missed missed"
[ "$missed" = 0 ]
