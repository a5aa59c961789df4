#!/usr/bin/env bash
# tests/mutate.sh [SRC_DIR]  (make mutate; MUTATE_ONLY=TEXT runs only the
# mutations whose name contains TEXT; MUTATE_REPORT=FILE also writes one
# line per mutation: name, caught or SURVIVED, seconds, the first FAIL line)
#
# The mutation experiments of tests/mutations/cases.txt (docs/testing.md
# "Mutations"): each deliberate bug is applied to a copy of the tree in
# SRC_DIR (default: this checkout's working tree; the tree itself is never
# written), the copy is built and the layers the mutation names are run;
# the mutation is caught when they print a FAIL line the unmutated copy
# does not (so another part's failure in progress catches nothing).  Prints
# each mutation, the FAIL lines that caught it (the test that caught it)
# and its seconds, then "N caught, N survived"; exits 1 when one survived.
# The mutated file is put back after each run (and the copy removed on any
# exit); at the end every file it touched is compared with SRC_DIR's.
# Not part of make test: it builds and runs once per mutation.
set -u
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$(cd "${1:-$ROOT}" && pwd)
PY=/usr/bin/python3
M="$PY $ROOT/tests/mutations/mutations.py"
# The flags make test builds with: a mutation must build warning-free, and
# the copied build/ is reused as it is.
CFLAGS_TEST=${CFLAGS_TEST:--std=c11 -O2 -g -Wall -Wextra -Wpedantic -Wshadow -Werror}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
T=$TMP/t
started=$(date +%s)

# The list must apply to the tree before anything runs.
if ! out=$($M check "$SRC"); then
  printf '%s\n' "$out" | grep -v '^[0-9]* [0-9]*$'
  echo "tests/mutations/cases.txt does not apply to $SRC: fix the list first"
  exit 2
fi
mkdir -p "$T"
(cd "$SRC" && tar --exclude=./.git --exclude=./demo.db --exclude='./build/asan' --exclude='./build/win' -cf - .) | tar -xf - -C "$T"
# The list as the copy has it: editing the tree's list during a run
# changes nothing here.
mapfile -t LIST < <($M list "$T" | awk -F '\t' -v only="${MUTATE_ONLY:-}" 'only == "" || index($2, only)')
[ "${#LIST[@]}" -gt 0 ] || { echo "no mutation's name contains '${MUTATE_ONLY:-}'"; exit 2; }
union=""
for row in "${LIST[@]}"; do
  IFS=$'\t' read -r _ _ _ layers <<<"$row"
  for l in $layers; do case " $union " in *" $l "*) ;; *) union="$union $l" ;; esac; done
done
# build LAYERS: what those layers run (the extensions always).
build() {
  local targets="dist/revops.so dist/revops_import.so"
  case " $1 " in *" ctests "*) targets="$targets build/tests/core_tests build/tests/core_tests_noint128 build/tests/static_tests" ;; esac
  case " $1 " in *" data "* | *" dashboards "* | *" insights "* | *" report "* | *" security "*) targets="$targets build/demo/gen" ;; esac
  # shellcheck disable=SC2086
  make -s -C "$T" -j2 CFLAGS="$CFLAGS_TEST" WIN_TEST= $targets >"$TMP/build.log" 2>&1
}
# run LAYERS: the layers' FAIL lines, sorted, in $TMP/fails.
run() {
  (cd "$T" && REVOPS_LAYERS="$1" bash tests/run.sh dist/revops.so build/tests/core_tests \
    build/tests/static_tests build/demo/gen build/tests/core_tests_noint128) >"$TMP/run.log" 2>&1
  grep '^FAIL' "$TMP/run.log" | sort -u >"$TMP/fails"
}

echo "mutations: ${#LIST[@]}; layers they need:$union"
build "$union" || { echo "the unmutated copy does not build:"; tail -n 20 "$TMP/build.log"; exit 2; }
run "${union# }"
cp "$TMP/fails" "$TMP/fails.base"
echo "unmutated: $(tail -n 1 "$TMP/run.log")$([ -s "$TMP/fails.base" ] && echo " (its FAIL lines do not count)")"
sed 's/^/   /' "$TMP/fails.base"

caught=0 survived=0
touched=()
report() { [ -z "${MUTATE_REPORT:-}" ] || printf '%s\t%s\t%s\t%s\n' "$name" "$1" "${secs:-}" "$2" >>"$MUTATE_REPORT"; }
[ -z "${MUTATE_REPORT:-}" ] || : >"$MUTATE_REPORT"
for row in "${LIST[@]}"; do
  IFS=$'\t' read -r i name file layers <<<"$row"
  t0=$(date +%s.%N)
  printf '\n== %s\n   %s, layers: %s\n' "$name" "$file" "$layers"
  touched+=("$file")
  cp -p "$T/$file" "$TMP/orig"
  secs=
  $M apply "$T" "$i" || { echo "   SURVIVED: the mutation did not apply"; survived=$((survived + 1)); report SURVIVED "did not apply"; continue; }
  if build "$layers"; then
    run "$layers"
    comm -13 "$TMP/fails.base" "$TMP/fails" >"$TMP/new"
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    if [ -s "$TMP/new" ]; then
      caught=$((caught + 1))
      echo "   caught by ($(wc -l <"$TMP/new") FAIL lines the unmutated tree does not print; ${secs} s):"
      head -n 3 "$TMP/new" | cut -c1-200 | sed 's/^/     /'
      report caught "$(head -n 1 "$TMP/new")"
    else
      survived=$((survived + 1))
      echo "   SURVIVED: $(tail -n 1 "$TMP/run.log") (${secs} s)"
      report SURVIVED "$(tail -n 1 "$TMP/run.log")"
    fi
  else
    survived=$((survived + 1))
    echo "   SURVIVED: the mutant does not build (write a mutation that compiles):"
    tail -n 5 "$TMP/build.log" | sed 's/^/     /'
    report SURVIVED "does not build"
  fi
  # Put the file back, newer than anything built from the mutant, so the
  # next build compiles it again.
  cp "$TMP/orig" "$T/$file"
  touch "$T/$file"
done

# Every file a mutation touched is the source tree's again.
for f in "${touched[@]}"; do
  cmp -s "$T/$f" "$SRC/$f" || { echo "tests/mutate.sh: $f was not restored in the copy"; survived=$((survived + 1)); }
done
echo
echo "$(( $(date +%s) - started )) s for ${#LIST[@]} mutations"
echo "$caught caught, $survived survived"
[ "$survived" = 0 ]
