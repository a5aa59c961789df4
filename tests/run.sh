#!/usr/bin/env bash
# tests/run.sh EXT CORE_TESTS STATIC_TESTS [DEMO_GENERATOR [CORE_TESTS_NO_INT128]]
#
# Runs every layer of the suite and ends with one line "N passed, N failed":
#   symbols   each .so exports exactly its entry point (sqlite3_revops_init,
#             sqlite3_revopsimport_init)
#   layout    what a new file or function must not forget: no binding
#             includes the core's private header, every domain is
#             registered, every core test runs, the version is written once
#   core      C unit tests of ext/core (no SQLite)
#   static    C tests of the static library: registration, property tests
#   sql       tests/sql/*.sql through the sqlite3 shell (-bail); every
#             output row is "label<TAB>actual<TAB>expected", compared as
#             typed text, and every declared case must print a row
#             (tests/lib/cases.awk)
#   errors    tests/errors/*.txt: statements that must fail, each with the
#             exact message expected
#   registry  pragma_function_list / pragma_module_list against
#             tests/registry.expected, and a docs/ heading for each name
#   docs      every ```sql block in docs/ followed by an ```output block is
#             run and its output compared
#   python    loading from Python's sqlite3 module
#   data      the demo generator and the CSV import end to end (below)
#   dashboards  views and persona dashboards on the data layer's demo db
#   security  the .so is linked with full RELRO (docs/security.md)
#   fuzz      each tests/fuzz/ harness replays its corpus; the SQL fuzz of
#             every registered function runs a fixed number of rounds
#             (REVOPS_FUZZ_BIN: where make put the binaries)
#   insights  insight cards, actions, coaching, churn actions, alerts (tests/insights/)
#   report    the HTML report in a browser, Datasette metadata, ODBC types
#   postgres  the PostgreSQL 15 build against SQLite's answers (tests/postgres/)
# Failures print what was expected and what came; passes are counted.
set -u
export LC_ALL=C   # one sort order for comm and diff
EXT=$1
CORE_TESTS=$2
STATIC_TESTS=$3
LOAD=${EXT%.*}               # .load finds the suffix itself
# The import module (file readers and the loader) sits beside the query
# extension; only the import suites load it (tests/sql/data_*.sql,
# tests/errors/import*.txt, the data layer).
IMPORT_EXT=$(dirname "$EXT")/revops_import.${EXT##*.}
IMPORT_LOAD=${IMPORT_EXT%.*}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SELF=$ROOT/tests/$(basename "$0")
ARGS=("$@")
cd "$ROOT" || exit 2
if [ -n "${REVOPS_CHILD:-}" ]; then
  # One layer run by the driver below: its scratch directory is the
  # driver's (removed by the driver), the data layer's demo set is given.
  TMP=$REVOPS_CHILD
  mkdir -p "$TMP"
  [ -n "${REVOPS_DEMO:-}" ] && D=$REVOPS_DEMO
else
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT
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

# REVOPS_LAYERS="sql errors docs" runs only those layers (tests/wine.sh);
# unset, every layer runs.  C tests are the layer "ctests".
want() {
  [ -z "${REVOPS_LAYERS:-}" ] && return 0
  case " $REVOPS_LAYERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}
pass() { PASS=$((PASS + 1)); }
fail() {
  FAIL=$((FAIL + 1))
  printf 'FAIL %s\n' "$1"
  shift
  for line in "$@"; do printf '     %s\n' "$line"; done
}
suite_summary() { printf '%-10s %d passed, %d failed\n' "$1" "$2" "$3"; }
# add_counts RESULT: RESULT's lines are FAIL reports, then "ok bad" last.
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

# -------------------------------------------------------------- driver
# The layers run concurrently, REVOPS_JOBS at a time (default: the number
# of cores; 1 runs them one after another).  Each layer is this script run
# again with REVOPS_LAYERS=<layer> (a child), its output in a file of its
# own; the outputs are printed in the order the layers are written below,
# whatever order they finish in, so the output is the same on every run,
# and the counts are added up.  A child that ends without its counts line
# (it crashed or was killed) is a FAIL.  The layers are read from this
# file (every `if want NAME; then`), so a new layer runs without being
# listed here.  A layer whose block reads the data layer's demo set ($D)
# starts when the data layer has finished.  The heaviest layers start
# first; REVOPS_TIMES=FILE writes each layer's wall and CPU seconds.
if [ -z "${REVOPS_CHILD:-}" ]; then
  mapfile -t LAYERS < <(sed -n 's/^if want \([A-Za-z0-9_-]*\); then$/\1/p' "$SELF")
  # Layers that read $D (the data layer's demo database).
  mapfile -t NEEDS_DATA < <(awk '
    /^if want [A-Za-z0-9_-]*; then$/ { l = $3; sub(/;$/, "", l); next }
    /^fi # / { l = ""; next }
    l != "" && l != "data" && (index($0, "${D:-}") || index($0, "$D/")) { print l }' "$SELF" | sort -u)
  needs_data() { case " ${NEEDS_DATA[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
  JOBS=${REVOPS_JOBS:-$(nproc 2>/dev/null || echo 2)}
  [[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || JOBS=2
  # Start order: the data layer (the three heaviest wait for it), then the
  # heaviest first; the rest in file order.
  pending=()
  for l in data postgres report dashboards insights ctests sql python errors fuzz "${LAYERS[@]}"; do
    want "$l" || continue
    case " ${LAYERS[*]} " in *" $l "*) ;; *) continue ;; esac
    case " ${pending[*]} " in *" $l "*) continue ;; esac
    pending+=("$l")
  done
  data_done=1
  case " ${pending[*]} " in *" data "*) data_done=0 ;; esac
  declare -A name_of start_of done_of
  running=0
  next=0          # index in LAYERS of the next output to print
  start_layer() {
    local l=$1
    mkdir -p "$TMP/$l"
    start_of[$l]=$(date +%s%N)
    if [ "$data_done" = 1 ] && [ -n "${DEMO:-}" ]; then
      REVOPS_CHILD=$TMP/$l REVOPS_DEMO=$DEMO REVOPS_LAYERS=$l bash "$SELF" "${ARGS[@]}" >"$TMP/$l.log" 2>&1 &
    else
      REVOPS_CHILD=$TMP/$l REVOPS_LAYERS=$l bash "$SELF" "${ARGS[@]}" >"$TMP/$l.log" 2>&1 &
    fi
    name_of[$!]=$l
    running=$((running + 1))
  }
  print_ready() {
    local l last
    while [ "$next" -lt "${#LAYERS[@]}" ]; do
      l=${LAYERS[$next]}
      if want "$l"; then
        [ -n "${done_of[$l]:-}" ] || return 0
        last=$(tail -n 1 "$TMP/$l.log")
        if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
          sed '$d' "$TMP/$l.log"
          PASS=$((PASS + BASH_REMATCH[1]))
          FAIL=$((FAIL + BASH_REMATCH[2]))
        else
          cat "$TMP/$l.log"
          fail "$l: the layer ended without its counts (it crashed or was killed); its last line: $last"
        fi
      fi
      next=$((next + 1))
    done
  }
  while :; do
    while [ "$running" -lt "$JOBS" ]; do
      pick=-1
      for i in "${!pending[@]}"; do
        if [ "$data_done" = 1 ] || ! needs_data "${pending[$i]}"; then pick=$i; break; fi
      done
      [ "$pick" -ge 0 ] || break
      start_layer "${pending[$pick]}"
      unset 'pending[pick]'
      pending=("${pending[@]}")
    done
    [ "$running" = 0 ] && break
    # Any child ending returns; which ones ended is read from the process
    # table (wait -n -p leaves its variable unset for a child bash reaped
    # earlier, e.g. one that was killed).
    wait -n 2>/dev/null
    ended=0
    for pid in "${!name_of[@]}"; do
      kill -0 "$pid" 2>/dev/null && continue
      l=${name_of[$pid]}
      unset 'name_of[$pid]'
      wait "$pid" 2>/dev/null
      ended=1
      running=$((running - 1))
      done_of[$l]=$(date +%s%N)
      if [ "$l" = data ]; then data_done=1; DEMO=$TMP/data/data; fi
    done
    [ "$ended" = 1 ] || sleep 0.1
    print_ready
  done
  print_ready
  if [ -n "${REVOPS_TIMES:-}" ]; then
    for l in "${LAYERS[@]}"; do
      [ -n "${done_of[$l]:-}" ] || continue
      printf '%s %d.%02d %s\n' "$l" $(( (done_of[$l] - start_of[$l]) / 1000000000 )) \
        $(( (done_of[$l] - start_of[$l]) / 10000000 % 100 )) "$(cat "$TMP/$l.cpu" 2>/dev/null)"
    done >"$REVOPS_TIMES"
  fi
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" = 0 ]
  exit
fi

# ------------------------------------------------------------- symbols
if want symbols; then
p0=$PASS f0=$FAIL
syms=$(nm -D --defined-only "$EXT" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sort | tr '\n' ' ')
if [ "$syms" = "sqlite3_revops_init " ]; then pass; else
  fail "symbols: exactly one exported symbol" "expected: sqlite3_revops_init" "actual:   $syms"
fi
syms=$(nm -D --defined-only "$IMPORT_EXT" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sort | tr '\n' ' ')
if [ "$syms" = "sqlite3_revopsimport_init " ]; then pass; else
  fail "symbols: exactly one exported symbol in the import module" "expected: sqlite3_revopsimport_init" "actual:   $syms"
fi
suite_summary symbols $((PASS - p0)) $((FAIL - f0))
fi # symbols

# ------------------------------------------------------------- windows
# dist/revops.dll (make windows, mingw-w64): exactly one export, and only
# KERNEL32 and msvcrt imported (no MinGW runtime DLL to ship).
if want windows; then
if [ -n "${REVOPS_DLL:-}" ]; then
  p0=$PASS f0=$FAIL
  if out=$(sh tools/check_dll.sh "$REVOPS_DLL" 2>&1); then pass; else fail "windows: $REVOPS_DLL" "$out"; fi
  suite_summary windows $((PASS - p0)) $((FAIL - f0))
fi
fi # windows

# -------------------------------------------------------------- layout
# What a new file or function must not forget (docs/contributing.md),
# checked from the sources themselves rather than from a copied list.
if want layout; then
p0=$PASS f0=$FAIL
# The core's private header stays in the core.
bad=$(grep -l 'internal\.h' ext/sqlite/*.c ext/sqlite/*.h 2>/dev/null)
if [ -z "$bad" ]; then pass; else fail "layout: bindings include ext/core/internal.h (use buf.h or revops.h)" "$bad"; fi
# Every domain a binding file defines is registered by revops.c.
for d in $(sed -n 's/^const RevopsDomain \(revops_domain_[a-z_0-9]*\) = .*/\1/p' ext/sqlite/*.c); do
  if grep -q "&$d\b" ext/sqlite/revops.c; then pass; else fail "layout: $d is not in revops_domains[] (ext/sqlite/revops.c)"; fi
done
# Every core test file's test_<name>() is called by tests/core/main.c.
for t in $(sed -n 's/^void \(test_[a-z_0-9]*\)(void) {$/\1/p' tests/core/test_*.c); do
  if grep -q "^  $t();" tests/core/main.c; then pass; else fail "layout: $t() is never called (tests/core/main.c)"; fi
done
# The version is written once, in include/revops.h.
v=$(sed -n 's/^#define REVOPS_VERSION "\(.*\)"$/\1/p' include/revops.h)
bad=$(grep -rlF "\"$v\"" --include='*.c' --include='*.h' --include='*.py' --include='*.sh' --include='*.sql' \
  --include='*.md' --include='*.txt' --include=Makefile --exclude-dir=build --exclude-dir=dist --exclude-dir=.git . 2>/dev/null |
  grep -v '^./include/revops.h$' || true)
bad="$bad$(grep -rlF "'$v'" --include='*.sql' --include='*.md' --include='*.txt' --include='*.py' --exclude-dir=build . 2>/dev/null || true)"
if [ -n "$v" ] && [ -z "$bad" ]; then pass; else fail "layout: the version literal $v is repeated outside include/revops.h" "$bad"; fi
suite_summary layout $((PASS - p0)) $((FAIL - f0))
fi # layout

# ------------------------------------------- C test binaries (core, static)
if want ctests; then
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
if [ -n "${5:-}" ]; then run_c_tests core-no128 "$5"; fi
run_c_tests static "$STATIC_TESTS"
fi # ctests

# ----------------------------------------------------------------- sql
if want sql; then
p0=$PASS f0=$FAIL
for f in tests/sql/*.sql; do
  case $f in tests/sql/data_*) extra=".load $IMPORT_LOAD" ;; *) extra="" ;; esac
  out=$( { printf '.load %s\n%s\n.mode quote\n.separator "\\t"\n.nullvalue NULL\n.headers off\n' "$LOAD" "$extra"; cat "$f"; } |
    "${SQLITE[@]}" -bail :memory: 2>"$TMP/err")
  rc=$?
  printf '%s\n' "$out" >"$TMP/out"
  res=$(awk -F '\t' -v file="$f" -f tests/lib/cases.awk "$f" "$TMP/out")
  add_counts "$res"
  if [ "$rc" != 0 ]; then
    fail "$f: sqlite3 stopped (exit $rc); cases after this point did not run" "$(head -c 2000 "$TMP/err")"
  elif [ "$(printf '%s\n' "$res" | tail -n 1)" = "0 0" ]; then
    fail "$f: no cases"
  fi
done
suite_summary sql $((PASS - p0)) $((FAIL - f0))
fi # sql

# -------------------------------------------------------------- errors
# Case format, cases separated by blank lines:
#   # label
#   SQL ...            (any number of lines; setup may come first)
#   ! expected error message
# All cases of a file run in one shell, each on a fresh database; errors
# are matched to cases by the line number the shell reports.
if want errors; then
p0=$PASS f0=$FAIL
for f in tests/errors/*.txt; do
  case $f in tests/errors/import*) extra=$IMPORT_LOAD ;; *) extra="" ;; esac
  awk -v load="$LOAD" -v extra="$extra" -v script="$TMP/script.sql" -v cases="$TMP/cases.tsv" '
    function flush() {
      if (label != "") {
        printf ".open :memory:\n.load %s\n", load > script; line += 2
        if (extra != "") { printf ".load %s\n", extra > script; line++ }
        first = line + 1
        printf "%s", sql > script; line += nsql
        printf "%s\t%d\t%d\t%s\n", label, first, line, expect > cases
      }
      label = ""; sql = ""; nsql = 0; expect = ""
    }
    BEGIN { line = 0 }
    /^# / { flush(); label = substr($0, 3); next }
    /^! / { expect = substr($0, 3); next }
    /^$/ { next }
    { sql = sql $0 "\n"; nsql++ }
    END { flush() }' "$f"
  "${SQLITE[@]}" :memory: <"$TMP/script.sql" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  res=$(awk -F '\t' -v file="$f" -v rc="$rc" '
    FNR == NR {
      if (match($0, /near line [0-9]+: /)) {
        n = substr($0, RSTART + 10, RLENGTH - 12) + 0
        msg[n] = substr($0, RSTART + RLENGTH)
      } else if ($0 ~ /^(==|[A-Za-z].*Sanitizer|SUMMARY)/) { san = san "\n     " $0 }
      next
    }
    {
      got = ""
      for (k = $2; k <= $3; k++) if (k in msg) { got = msg[k]; break }
      if (got == $4) ok++
      else { printf "FAIL %s: %s\n     expected error: %s\n     actual error:   %s\n", file, $1, $4, (got == "" ? "(none)" : got); bad++ }
    }
    END {
      if (san != "") { printf "FAIL %s: sanitizer report%s\n", file, san; bad++ }
      printf "%d %d\n", ok, bad
    }' "$TMP/err" "$TMP/cases.tsv")
  add_counts "$res"
  [ "$rc" = 99 ] && fail "$f: sanitizer stopped the shell" "$(tail -n 30 "$TMP/err")"
done
suite_summary errors $((PASS - p0)) $((FAIL - f0))
fi # errors

# ------------------------------------------------------------ registry
if want registry; then
p0=$PASS f0=$FAIL
reg_sql="SELECT name || '|' || narg || '|' || type || '|' ||
  CASE WHEN flags & 0x800 THEN 'deterministic ' ELSE '' END ||
  CASE WHEN flags & 0x200000 THEN 'innocuous ' ELSE '' END ||
  CASE WHEN flags & 0x80000 THEN 'directonly ' ELSE '' END
  FROM pragma_function_list ORDER BY 1;
SELECT 'module|' || name FROM pragma_module_list ORDER BY 1;"
"${SQLITE[@]}" :memory: "$reg_sql" | sed 's/ $//' | sort >"$TMP/before"
"${SQLITE[@]}" -cmd ".load $LOAD" :memory: "$reg_sql" | sed 's/ $//' | sort >"$TMP/after"
comm -13 "$TMP/before" "$TMP/after" >"$TMP/registered"
grep -v '^#' tests/registry.expected | grep -v '^$' | sort >"$TMP/expected"
if diff -u "$TMP/expected" "$TMP/registered" >"$TMP/diff"; then pass; else
  fail "registry: registered functions differ from tests/registry.expected (- expected, + registered)" "$(cat "$TMP/diff")"
fi
# revops_functions must list the same names as SQLite reports.
"${SQLITE[@]}" -cmd ".load $LOAD" :memory: \
  "SELECT DISTINCT CASE kind WHEN 'table' THEN 'module|' || name ELSE name END FROM revops_functions ORDER BY 1" >"$TMP/listed"
awk -F '|' '$1 == "module" { print $1 "|" $2; next } { print $1 }' "$TMP/registered" | sort -u >"$TMP/names"
if diff -u "$TMP/names" "$TMP/listed" >"$TMP/diff"; then pass; else
  fail "registry: revops_functions differs from pragma_function_list (- registered, + listed)" "$(cat "$TMP/diff")"
fi
# Every name is documented: a '### name' heading in docs/.
while read -r name; do
  name=${name#module|}
  if grep -q "^### $name\$" docs/*.md; then pass; else
    fail "registry: $name has no '### $name' section in docs/"
  fi
done <"$TMP/names"
# Every function works in a view read with trusted_schema=OFF (it is
# SQLITE_INNOCUOUS), and every file reader is refused there (DIRECTONLY):
# a view calling each function with NULL arguments, generated from
# revops_functions, so no list of names is copied by hand.  A function of
# any arity (narg -1, e.g. learn_fit) is named in a subquery over no rows:
# SQLite checks the INNOCUOUS flag when it resolves the name, so the view
# still fails if the flag is missing, and no argument list has to be made up.
gen_view="SELECT 'CREATE VIEW callall AS SELECT ' || group_concat(CASE WHEN kind = 'table'
  THEN '(SELECT 1 FROM ' || name || ' LIMIT 0)'
  WHEN narg < 0 THEN '(SELECT ' || name || '() WHERE 0)'
  ELSE name || '(' || substr(replace(hex(zeroblob(narg)), '00', ',NULL'), 2) || ')' END, ', ') || ';'
  FROM (SELECT DISTINCT name, kind, narg FROM revops_functions WHERE NOT directonly)"
"${SQLITE[@]}" -cmd ".load $LOAD" :memory: "$gen_view" >"$TMP/callall.sql"
out=$("${SQLITE[@]}" -cmd ".load $LOAD" :memory: ".read $TMP/callall.sql" "PRAGMA trusted_schema=OFF" "SELECT count(*) FROM callall" 2>&1)
if [ "$out" = 1 ]; then pass; else fail "registry: a view calling every function fails with trusted_schema=OFF" "$out"; fi
for name in $("${SQLITE[@]}" -cmd ".load $LOAD" :memory: "SELECT DISTINCT name FROM revops_functions WHERE directonly"); do
  out=$("${SQLITE[@]}" -cmd ".load $LOAD" :memory: "CREATE VIEW v AS SELECT (SELECT 1 FROM $name LIMIT 0)" \
    "PRAGMA trusted_schema=OFF" "SELECT * FROM v" 2>&1)
  case "$out" in *"unsafe use of virtual table \"$name\""*) pass ;; *) fail "registry: $name (DIRECTONLY) was not refused in a view" "$out" ;; esac
done
# Every name has cases in tests/sql/ (the docs example alone is not a test).
while read -r name; do
  name=${name#module|}
  if grep -qw "$name" tests/sql/*.sql; then pass; else fail "registry: $name has no case in tests/sql/"; fi
done <"$TMP/names"
# Every name is in README.md's table of functions ("What is in it").
while read -r name; do
  name=${name#module|}
  if grep -q "^| [a-z]* | .*\`$name\`" README.md; then pass; else
    fail "registry: $name is not in README.md's table of functions (the row of its domain)"
  fi
done <"$TMP/names"
# The import module the same way: what it registers against
# tests/registry_import.expected, each name under a '### name' heading in
# docs/ and with cases in tests/sql/ or, for what only errors show,
# tests/errors/.
"${SQLITE[@]}" -cmd ".load $IMPORT_LOAD" :memory: "$reg_sql" | sed 's/ $//' | sort >"$TMP/after_import"
comm -13 "$TMP/before" "$TMP/after_import" >"$TMP/registered_import"
grep -v '^#' tests/registry_import.expected | grep -v '^$' | sort >"$TMP/expected_import"
if diff -u "$TMP/expected_import" "$TMP/registered_import" >"$TMP/diff"; then pass; else
  fail "registry: the import module's registrations differ from tests/registry_import.expected (- expected, + registered)" "$(cat "$TMP/diff")"
fi
while read -r name; do
  name=${name#module|}
  name=${name%%|*}
  if grep -q "^### $name\$" docs/*.md; then pass; else fail "registry: $name (import module) has no '### $name' section in docs/"; fi
  if grep -qw "$name" tests/sql/*.sql tests/errors/*; then pass; else fail "registry: $name (import module) has no case in tests/sql/ or tests/errors/"; fi
done <"$TMP/registered_import"
suite_summary registry $((PASS - p0)) $((FAIL - f0))
fi # registry

# ---------------------------------------------------------------- docs
# Each ```sql block followed by an ```output block is a case, run on a
# fresh database in the shell's default list mode, as a reader would.
# docs/data.md documents the import module, so its examples load it too.
if want docs; then
p0=$PASS f0=$FAIL
awk -v load="$LOAD" -v importload="$IMPORT_LOAD" -v script="$TMP/doc.sql" -v expfile="$TMP/doc.exp" '
  FNR == 1 { n = 0; insql = inout = pending = 0 }
  /^```sql$/ { insql = 1; sql = ""; next }
  insql && /^```$/ { insql = 0; pending = 1; next }
  insql { sql = sql $0 "\n"; next }
  pending && /^$/ { next }
  pending && /^```output$/ {
    pending = 0; inout = 1; n++
    printf ".open :memory:\n.load %s\n", load > script
    if (FILENAME == "docs/data.md") printf ".load %s\n", importload > script
    printf ".print @@DOC %d %s\n%s", n, FILENAME, sql > script
    printf "@@DOC %d %s\n", n, FILENAME > expfile
    next
  }
  pending { pending = 0 }
  inout && /^```$/ { inout = 0; next }
  inout { print > expfile; next }
' docs/*.md
if [ -f "$TMP/doc.sql" ]; then
  "${SQLITE[@]}" :memory: <"$TMP/doc.sql" >"$TMP/doc.out" 2>"$TMP/doc.err"
  res=$(awk '
    FNR == NR { if ($0 ~ /^@@DOC /) k = $2 " " $3; else out[k] = out[k] $0 "\n"; next }
    /^@@DOC / { k = $2 " " $3; keys[++nk] = k; next }
    { want[k] = want[k] $0 "\n" }
    END {
      for (i = 1; i <= nk; i++) {
        k = keys[i]
        if (out[k] == want[k]) ok++
        else { printf "FAIL docs example %s\n     expected:\n%s     actual:\n%s", k, want[k], out[k]; bad++ }
      }
      printf "%d %d\n", ok, bad
    }' "$TMP/doc.out" "$TMP/doc.exp")
  add_counts "$res"
  if [ -s "$TMP/doc.err" ]; then fail "docs: errors while running examples" "$(head -c 2000 "$TMP/doc.err")"; fi
fi
# Every '### name' function section in docs/ has an executed example.
for f in docs/*.md; do
  missing=$(awk '
    /^### / { if (name != "" && !ex) print name; name = substr($0, 5); ex = 0; next }
    /^## / { if (name != "" && !ex) print name; name = ""; next }
    /^```output$/ { ex = 1 }
    END { if (name != "" && !ex) print name }' "$f")
  for name in $missing; do fail "docs: $f section '### $name' has no executed example (sql + output blocks)"; done
done
suite_summary docs $((PASS - p0)) $((FAIL - f0))
fi # docs

# ---------------------------------------------------------------- odbc
# The SQLite ODBC driver (Debian libsqliteodbc, with unixODBC's isql) loads
# the extension named by the DSN's LoadExt setting: what a BI tool does.
if want odbc; then
p0=$PASS f0=$FAIL
if command -v isql >/dev/null 2>&1 && odbcinst -q -d 2>/dev/null | grep -qx '\[SQLite3\]'; then
  sqlite3 "$TMP/odbc.db" "CREATE TABLE opp(amount REAL, probability REAL);
    INSERT INTO opp VALUES (100000, 0.25), (10.01, 0.5);"
  printf '[revops]\nDriver=SQLite3\nDatabase=%s\nLoadExt=%s\n' "$TMP/odbc.db" "$ROOT/$EXT" >"$TMP/odbc.ini"
  ODBC=(env "ODBCINI=$TMP/odbc.ini" isql)
  # unixODBC and the driver leak on exit; leaks in revops are caught by
  # the sqlite3 runs above, so only memory errors are checked here.
  [ "${REVOPS_ASAN:-}" = 1 ] &&
    ODBC=(env "ODBCINI=$TMP/odbc.ini" "LD_PRELOAD=$ASAN_RT" ASAN_OPTIONS=detect_leaks=0:exitcode=99 isql)
  while IFS=$'\t' read -r sql want; do
    case "$sql" in '#'* | '') continue ;; esac
    if [ "${want#! }" != "$want" ]; then
      got=$(printf '%s\n' "$sql" | "${ODBC[@]}" -v -b revops 2>&1 | sed -n 's/^\[S1000\]\[SQLite\]\(.*\) ([0-9]*)$/\1/p')
      want=${want#! }
    else
      got=$(printf '%s\n' "$sql" | "${ODBC[@]}" -b -d'|' revops 2>&1)
    fi
    if [ "$got" = "$want" ]; then pass; else fail "odbc: $sql" "expected: $want" "actual:   $got"; fi
  done <tests/odbc/cases.txt
else
  fail "odbc: isql or the SQLite3 ODBC driver is missing (apt-get install unixodbc libsqliteodbc)"
fi
suite_summary odbc $((PASS - p0)) $((FAIL - f0))
fi # odbc

# -------------------------------------------------------------- python
if want python; then
p0=$PASS f0=$FAIL
for f in tests/python/*.py; do
  out=$("${PY_RUN[@]}" "$f" "$LOAD" 2>&1)
  rc=$?
  printf '%s\n' "$out" | grep '^FAIL' || true
  last=$(printf '%s\n' "$out" | tail -n 1)
  p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  f2=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  if [ -z "$p" ]; then fail "python $f: did not finish (exit $rc)" "$(printf '%s\n' "$out" | tail -n 20)"; continue; fi
  PASS=$((PASS + p))
  FAIL=$((FAIL + f2))
done
suite_summary python $((PASS - p0)) $((FAIL - f0))
fi # python

# ---------------------------------------------------------------- data
# The data layer end to end (sql/, docs/data.md), on a demo set generated
# at SCALE=0.1 to stay fast: the generator is deterministic (two runs give
# the same files and the same table checksums, another seed does not), its
# files load through the documented command with nothing rejected, every
# table gets the data the seeds' views need (tests/data/demo_checks.sql), a
# re-import changes nothing, a failing import leaves the database as it
# was, Python can run the import, and the hostile inputs of issue 9 (a
# FIFO, /dev/zero, an over-long record, a progress handler, a reader
# holding the database) are handled.
if want data; then
p0=$PASS f0=$FAIL
GEN=${4:-}
SQLITE3="${SQLITE[*]}"   # for sql/import/import.sh (ASan preload included)
export SQLITE3
sha_tables() { # db -> "table|sha3" per canonical table
  "${SQLITE[@]}" "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'import%' ORDER BY name" |
    while read -r t; do "${SQLITE[@]}" "$1" ".sha3sum $t"; done
}
if [ -z "$GEN" ] || [ ! -x "$GEN" ]; then
  fail "data: no demo generator (tests/run.sh EXT CORE STATIC GEN; make test passes it)"
else
  D=$TMP/data
  mkdir -p "$D/a" "$D/b" "$D/c" "$D/bad"
  if "$GEN" "$D/a" 0.1 && "$GEN" "$D/b" 0.1 && "$GEN" "$D/c" 0.1 7; then pass; else fail "data: generator failed"; fi
  if diff -rq "$D/a" "$D/b" >/dev/null; then pass; else fail "data: same seed, different files" "$(diff -rq "$D/a" "$D/b" | head -5)"; fi
  if diff -rq "$D/a" "$D/c" >/dev/null; then fail "data: another seed gave the same files"; else pass; fi
  if sh sql/import/import.sh "$D/a.db" "$D/a" "$IMPORT_LOAD" >"$D/a.out" 2>&1; then pass; else
    fail "data: import of the demo set failed" "$(tail -n 5 "$D/a.out")"
  fi
  out=$("${PY_RUN[@]}" - "$IMPORT_LOAD" "$D/b" "$D/b.db" <<'PYEOF' 2>&1
import sqlite3, sys
con = sqlite3.connect(sys.argv[3])
con.enable_load_extension(True)
con.load_extension(sys.argv[1])
con.execute("CREATE TEMP TABLE import_request(dir TEXT NOT NULL)")
con.execute("INSERT INTO import_request VALUES (?)", (sys.argv[2],))
con.executescript("BEGIN IMMEDIATE;\n" + open("sql/schema.sql").read() + open("sql/import/import.sql").read() + "COMMIT;")
read, loaded = con.execute("SELECT sum(rows_read), sum(rows_loaded) FROM import_summary").fetchone()
n = con.execute("SELECT count(*) FROM lead_events").fetchone()[0]
con.commit()
print("ok" if read == loaded and n > 0 else "bad %s %s %s" % (read, loaded, n))
PYEOF
)
  if [ "$out" = ok ]; then pass; else fail "data: import from Python" "$out"; fi
  sha_tables "$D/a.db" >"$D/a.sha"
  sha_tables "$D/b.db" >"$D/b.sha"
  n=$(wc -l <"$D/a.sha")
  if [ "$n" -ge 28 ] && cmp -s "$D/a.sha" "$D/b.sha"; then pass; else
    fail "data: two builds from one seed differ (or too few tables: $n)" "$(diff "$D/a.sha" "$D/b.sha" | head -5)"
  fi
  # The same dashboard, byte for byte.
  "${SQLITE[@]}" -cmd ".load $LOAD" "$D/a.db" <sql/demo/dashboard.sql >"$D/a.dash" 2>&1
  "${SQLITE[@]}" -cmd ".load $LOAD" "$D/b.db" <sql/demo/dashboard.sql >"$D/b.dash" 2>&1
  if cmp -s "$D/a.dash" "$D/b.dash" && grep -q '^Healthy' "$D/a.dash"; then pass; else
    fail "data: the demo dashboard differs between builds or did not run" "$(head -c 1500 "$D/a.dash")"
  fi
  # Every row accounted for; the seeds' patterns are in the data.
  { echo "SELECT 'summary: read = loaded + rejected, nothing rejected', count(*), 0 FROM import_summary WHERE rows_read <> rows_loaded OR rows_rejected <> 0;"
    cat tests/data/demo_checks.sql; } >"$D/checks.sql"
  { printf '.load %s\n.mode quote\n.separator "\\t"\n.nullvalue NULL\n' "$LOAD"; cat "$D/checks.sql"; } |
    "${SQLITE[@]}" "$D/a.db" >"$D/checks.out" 2>&1
  add_counts "$(awk -F '\t' -v file=data -f tests/lib/cases.awk "$D/checks.sql" "$D/checks.out")"
  # Re-import: the same tables, every row unchanged.
  sh sql/import/import.sh "$D/a.db" "$D/a" "$IMPORT_LOAD" >"$D/a2.out" 2>&1
  sha_tables "$D/a.db" >"$D/a2.sha"
  if cmp -s "$D/a.sha" "$D/a2.sha"; then pass; else fail "data: re-import changed a table" "$(diff "$D/a.sha" "$D/a2.sha" | head -5)"; fi
  changed=$("${SQLITE[@]}" "$D/a.db" "SELECT sum(rows_inserted + rows_updated) || ' ' || (sum(rows_unchanged) = sum(rows_read)) FROM import_summary WHERE run_id = 2")
  if [ "$changed" = "0 1" ]; then pass; else fail "data: re-import summary should show every row unchanged" "got: $changed"; fi
  # A failing import (a file that cannot be opened) leaves no trace.
  cp tests/data/fixed/accounts.csv "$D/bad/accounts.csv"
  ln -s "$D/no-such-file" "$D/bad/zz_broken_link.csv"
  before=$("${SQLITE[@]}" "$D/a.db" .sha3sum)
  if sh sql/import/import.sh "$D/a.db" "$D/bad" "$IMPORT_LOAD" >"$D/bad.out" 2>&1; then
    fail "data: an import with an unreadable file should fail"
  elif [ "$("${SQLITE[@]}" "$D/a.db" .sha3sum)" = "$before" ] && grep -q "cannot open" "$D/bad.out"; then pass; else
    fail "data: a failed import changed the database" "$(tail -n 3 "$D/bad.out")"
  fi
  # Issue 9 finding 5: a FIFO or a link to a device named like a CSV file
  # is refused before it is opened (no hang, no endless read); the import
  # fails at once and leaves nothing.  `timeout` would catch a hang.
  mkdir -p "$D/fifo" "$D/zero"
  mkfifo "$D/fifo/accounts.csv"
  ln -s /dev/zero "$D/zero/accounts.csv"
  for kind in fifo zero; do
    if timeout 60 sh sql/import/import.sh "$D/$kind.db" "$D/$kind" "$IMPORT_LOAD" >"$D/$kind.out" 2>&1; then
      fail "data: an import of a $kind named accounts.csv should fail"
    elif grep -q "accounts.csv' is not a regular file (a FIFO, device, socket or directory cannot be imported)" "$D/$kind.out" &&
         [ "$("${SQLITE[@]}" "$D/$kind.db" "SELECT count(*) FROM sqlite_schema")" = 0 ]; then pass; else
      fail "data: $kind: refused before opening, nothing left (issue 9 finding 5)" "$(tail -n 3 "$D/$kind.out")"
    fi
  done
  # Issue 9 finding 6: the schema is created inside the import's
  # transaction, so a failed import into a new file leaves no table.
  if [ "$("${SQLITE[@]}" "$D/new.db" "SELECT count(*) FROM sqlite_schema" 2>&1)" = 0 ] &&
     ! sh sql/import/import.sh "$D/new.db" "$D/bad" "$IMPORT_LOAD" >/dev/null 2>&1 &&
     [ "$("${SQLITE[@]}" "$D/new.db" "SELECT count(*) FROM sqlite_schema")" = 0 ]; then pass; else
    fail "data: a failed import into a new database must leave no table"
  fi
  # A mapping into a table that does not exist stops the import, said so.
  if sh sql/import/import.sh "$D/maptable.db" tests/data/mapping_bad/table "$IMPORT_LOAD" >"$D/maptable.out" 2>&1; then
    fail "data: a mapping into a missing table should fail"
  elif grep -q "revops_import(): a mapping loads x.csv into table subscriptionz, which does not exist" "$D/maptable.out"; then pass; else
    fail "data: a mapping into a missing table names it" "$(tail -n 3 "$D/maptable.out")"
  fi
  # A mapping naming a [values] list no .map file has, and a parent. line
  # naming no foreign key, stop the import with the file and line.
  for c in "nolist|revops_import(): bad.map line 5: values.region = regions names no [values regions] section of a .map file" \
           "badparent|revops_import(): bad.map line 5: parent.name.x: the first name is a column of accounts with a foreign key, the second a column of the table it points to"; do
    if sh sql/import/import.sh "$D/map_${c%%|*}.db" "tests/data/mapping_${c%%|*}" "$IMPORT_LOAD" >"$D/map.out" 2>&1; then
      fail "data: mapping_${c%%|*} should stop the import"
    elif grep -qF "${c#*|}" "$D/map.out"; then pass; else
      fail "data: mapping_${c%%|*} stops the import, said so" "$(tail -n 3 "$D/map.out")"
    fi
  done
  # A user copies a shipped preset, edits one line, and loads an export
  # whose layout changed (Amount_USD__c instead of Amount): the copy, with
  # the preset's name, replaces the shipped one.  Expected by hand from
  # tests/data/mapping_copy/Opportunity.csv.
  mkdir -p "$D/copy"
  cp tests/data/mapping_copy/Opportunity.csv "$D/copy/"
  sed 's/^column.amount = Amount$/column.amount = Amount_USD__c/' sql/import/presets/salesforce_api_opportunity.map >"$D/copy/my_salesforce.map"
  nchanged=$(diff sql/import/presets/salesforce_api_opportunity.map "$D/copy/my_salesforce.map" | grep -c '^[<>]')
  sh sql/import/import.sh "$D/copy.db" "$D/copy" "$IMPORT_LOAD" >/dev/null 2>&1
  got=$("${SQLITE[@]}" "$D/copy.db" "SELECT (SELECT group_concat(opportunity_id || '/' || coalesce(account_id, '-') || '/' || stage || '/' || amount || '/' || probability, ' ') FROM (SELECT * FROM opportunities ORDER BY 1)) || ' | ' || (SELECT preset || ' ' || note FROM import_summary WHERE table_name = 'opportunities') || ' | ' || (SELECT count(*) FROM import_rejects)")
  if [ "$nchanged" = 2 ] && [ "$got" = "006A1/001A1/Negotiation/75000.0/0.9 006A2/-/Discovery/1200.5/0.1 | salesforce_api_opportunity mapped by my_salesforce.map | 0" ]; then pass; else
    fail "data: a copied preset with one line edited loads the changed layout" "lines changed: $nchanged; got: $got"
  fi
  # Without the copy the shipped preset finds the file but no amount.
  rm "$D/copy/my_salesforce.map"
  sh sql/import/import.sh "$D/copy0.db" "$D/copy" "$IMPORT_LOAD" >/dev/null 2>&1
  got=$("${SQLITE[@]}" "$D/copy0.db" "SELECT group_concat(quote(amount), ' ') FROM opportunities")
  if [ "$got" = "NULL NULL" ]; then pass; else fail "data: the shipped preset alone reads Amount" "got: $got"; fi
  # A dry run prints the mapping and the first problems, and loads nothing.
  out=$(sh sql/import/import.sh --dry-run "$D/dry.db" tests/data/broken "$IMPORT_LOAD" 2>&1)
  if printf '%s\n' "$out" | grep -q "^accounts.csv | 4 | segment: 'Enterprize' is not one of SMB, Mid-Market, Enterprise$" &&
     printf '%s\n' "$out" | grep -q "^opportunities.csv  *opportunities  *12  *2 " &&
     [ "$("${SQLITE[@]}" "$D/dry.db" "SELECT count(*) FROM sqlite_schema")" = 0 ]; then pass; else
    fail "data: --dry-run shows mapping and problems and loads nothing" "$(printf '%s\n' "$out" | head -n 20)"
  fi
  # Issue 9 finding 5: a record past the bound (1 MiB) is a reject of its
  # own; the rows around it load.
  mkdir -p "$D/long"
  "$PY" -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('account_id,name\nA1,short\nA2,' + 'x' * 1500000 + '\nA3,after\n')" "$D/long/accounts.csv"
  sh sql/import/import.sh "$D/long.db" "$D/long" "$IMPORT_LOAD" >/dev/null 2>&1
  got=$("${SQLITE[@]}" "$D/long.db" "SELECT (SELECT group_concat(account_id) FROM accounts) || ' | ' || reason || ' | ' || length(raw) FROM import_rejects")
  if [ "$got" = "A1,A3 | malformed CSV: the record is longer than 1048576 bytes (the limit) | 1048576" ]; then pass; else
    fail "data: a record over the bound is rejected, its neighbours load" "got: $got"
  fi
  # Interrupts and progress handlers reach the import (issue 9 finding 5),
  # and a reader holding the database during the import makes the COMMIT
  # wait instead of failing (finding 6: the import sets a busy timeout when
  # the connection has none; Python's timeout=0 gives none).
  out=$("${PY_RUN[@]}" - "$IMPORT_LOAD" "$D/a" "$D/py.db" <<'PYEOF' 2>&1
import sqlite3, sys, threading, time
script = ("BEGIN IMMEDIATE;\n" + open("sql/schema.sql").read() +
          open("sql/import/import.sql").read() + "COMMIT;")
def connect(path):
    con = sqlite3.connect(path, timeout=0, isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(sys.argv[1])
    con.execute("CREATE TEMP TABLE import_request(dir TEXT NOT NULL)")
    con.execute("INSERT INTO import_request VALUES (?)", (sys.argv[2],))
    return con
con = connect(sys.argv[3])
calls = [0]
def progress():
    calls[0] += 1
    return 1 if calls[0] > 200 else 0
con.set_progress_handler(progress, 1000)
try:
    con.executescript(script)
    print("progress handler did not stop the import")
except sqlite3.OperationalError as e:
    con.execute("ROLLBACK") if con.in_transaction else None
    n = con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    if "interrupted" not in str(e) or n != 0:
        print("progress handler: %s, %d tables left" % (e, n))
con.set_progress_handler(None, 0)
con.executescript(script)
# A reader in rollback-journal mode holds a shared lock for a second while
# the import runs again: the COMMIT must wait for it.
reader = sqlite3.connect(sys.argv[3], isolation_level=None, check_same_thread=False)
reader.execute("BEGIN")
reader.execute("SELECT count(*) FROM sqlite_schema").fetchone()
threading.Timer(1.0, lambda: reader.execute("COMMIT")).start()
con.executescript(script)
read, loaded = con.execute("SELECT sum(rows_read), sum(rows_loaded) FROM import_summary").fetchone()
runs = con.execute("SELECT count(*) FROM import_runs").fetchone()[0]
print("ok" if read == loaded and read > 0 and runs == 2 else "bad %s %s %s" % (read, loaded, runs))
PYEOF
)
  if [ "$out" = ok ]; then pass; else fail "data: progress handler stops the import; a reader makes COMMIT wait" "$out"; fi
fi
suite_summary data $((PASS - p0)) $((FAIL - f0))
fi # data

# ---------------------------------------------------------- dashboards
# The views and persona dashboards (tests/dashboards/run.py) on the demo
# database the data layer imported above (no second import): the views
# installed by the documented command, every view and dashboard query under
# trusted_schema=OFF, with and without each filter, additive totals, key
# numbers against plain SQL, docs/dashboards.md and docs/views.md in step,
# one query per persona through ODBC; the terminal printer
# (tests/dashboards/printer.py); the derived tables kept current and equal
# to their views (tests/dashboards/derived.py).
if want dashboards; then
p0=$PASS f0=$FAIL
if [ -n "${D:-}" ] && [ -s "$D/a.db" ]; then
  cp "$D/a.db" "$TMP/dash.db"
  if sh sql/views/install.sh "$TMP/dash.db" "$LOAD" >"$TMP/dash.out" 2>&1; then
    pass
    add_counts "$("${PY_RUN[@]}" tests/dashboards/run.py "$TMP/dash.db" "$LOAD" 2>&1 || true)"
    # the terminal dashboards (tools/print_dashboard.py), read-only
    add_counts "$("${PY_RUN[@]}" tests/dashboards/printer.py "$TMP/dash.db" "$LOAD" 2>&1 || true)"
    # the derived tables (sql/views/99_derived.sql), on a copy it changes
    cp "$TMP/dash.db" "$TMP/derived.db"
    add_counts "$("${PY_RUN[@]}" tests/dashboards/derived.py "$TMP/derived.db" "$LOAD" 2>&1 || true)"
  else
    fail "dashboards: sh sql/views/install.sh failed" "$(tail -n 5 "$TMP/dash.out")"
  fi
else
  fail "dashboards: no demo database from the data layer"
fi
suite_summary dashboards $((PASS - p0)) $((FAIL - f0))
fi # dashboards

# ------------------------------------------------------------ security
# Full RELRO: a GNU_RELRO segment and BIND_NOW, so the GOT is read-only
# once the .so is loaded (readelf; ELF platforms only).
if want security; then
p0=$PASS f0=$FAIL
if command -v readelf >/dev/null 2>&1 && readelf -h "$EXT" >/dev/null 2>&1; then
  if readelf -lW "$EXT" | grep -q GNU_RELRO; then pass; else fail "security: $EXT has no GNU_RELRO segment"; fi
  if readelf -d "$EXT" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW'; then pass; else
    fail "security: $EXT is not linked with -z now (partial RELRO)"
  fi
fi
suite_summary security $((PASS - p0)) $((FAIL - f0))
fi # security

# ---------------------------------------------------------------- fuzz
if want fuzz; then
p0=$PASS f0=$FAIL
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
suite_summary fuzz $((PASS - p0)) $((FAIL - f0))
fi # fuzz

# ------------------------------------------------------------ insights
# Insight cards, next-best actions, coaching, churn actions and alerts
# (tests/insights/test_insights.py): a fire / no-fire database per rule,
# confidence against sample size, hostile JSON, the alert cycle and the
# alerts command; then the demo checks on a copy of the data layer's demo
# database with the views installed by the documented command.
if want insights; then
p0=$PASS f0=$FAIL
INS_DEMO=
if [ -n "${D:-}" ] && [ -s "$D/a.db" ]; then
  cp "$D/a.db" "$TMP/ins.db"
  if sh sql/views/install.sh "$TMP/ins.db" "$LOAD" >"$TMP/ins.out" 2>&1; then pass; INS_DEMO=$TMP/ins.db; else
    fail "insights: sh sql/views/install.sh failed" "$(tail -n 5 "$TMP/ins.out")"
  fi
else
  fail "insights: no demo database from the data layer"
fi
out=$("${PY_RUN[@]}" tests/insights/test_insights.py "$LOAD" $INS_DEMO 2>&1)
rc=$?
printf '%s\n' "$out" | grep '^FAIL' || true
last=$(printf '%s\n' "$out" | tail -n 1)
p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f2=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$p" ]; then fail "insights: did not finish (exit $rc)" "$(printf '%s\n' "$out" | tail -n 20)"; else
  PASS=$((PASS + p)); FAIL=$((FAIL + f2))
fi
suite_summary insights $((PASS - p0)) $((FAIL - f0))
fi # insights
# ------------------------------------------------------------ postgres
# revops on PostgreSQL 15 (tests/postgres/run.sh, docs/postgres.md): the
# extension built by make postgres (REVOPS_PG_BUILD), throwaway servers it
# starts and stops itself, the data layer's demo set loaded there, every
# function, view and dashboard query against SQLite's answers (serial and
# with parallel query forced), error texts, two servers joined by
# postgres_fdw, the docs' PostgreSQL examples.  Self-contained: this block
# and tests/postgres/ are all of it.
if want postgres; then
p0=$PASS f0=$FAIL
if [ -z "${D:-}" ] || [ ! -s "$D/a.db" ]; then
  fail "postgres: no demo database from the data layer"
else
  mkdir -p "$TMP/postgres"
  add_counts "$(REVOPS_PY="${PY_RUN[*]}" bash tests/postgres/run.sh "$LOAD" "${REVOPS_PG_BUILD:-build/pg}" "$D/a.db" "$TMP/postgres" 2>&1)"
fi
suite_summary postgres $((PASS - p0)) $((FAIL - f0))
fi # postgres

# -------------------------------------------------------------- report
# What people look at (issue 13): the HTML report in headless chromium,
# the Datasette metadata, the ODBC types BI tools see.  tests/report/*.py
# each get the extension, a copy of the data layer's SCALE=0.1 demo
# database with the views installed, and a scratch directory; they print
# FAIL and SKIP lines (a SKIP names what did not run and is not counted as
# a pass).
if want report; then
p0=$PASS f0=$FAIL
if [ -z "${D:-}" ] || [ ! -s "$D/a.db" ]; then
  fail "report: no demo database from the data layer"
else
  R=$TMP/report
  mkdir -p "$R"
  cp "$D/a.db" "$R/demo.db"
  if sh sql/views/install.sh "$R/demo.db" "$LOAD" >"$R/build.out" 2>&1; then
    # The scripts run concurrently (each reads the database, writes only in
    # its own directory); their outputs are read in file order.
    for f in tests/report/test_*.py; do
      t=$R/$(basename "$f" .py)
      mkdir -p "$t"
      { "${PY_RUN[@]}" "$f" "$LOAD" "$R/demo.db" "$t" >"$t.out" 2>&1; echo $? >"$t.rc"; } &
    done
    wait
    for f in tests/report/test_*.py; do
      t=$R/$(basename "$f" .py)
      out=$(cat "$t.out")
      rc=$(cat "$t.rc" 2>/dev/null)
      printf '%s\n' "$out" | awk '/^(FAIL|SKIP)/ { p = 1; print; next } /^     / { if (p) print; next } { p = 0 }'
      last=$(printf '%s\n' "$out" | tail -n 1)
      p=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
      f2=$(printf '%s\n' "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
      if [ -z "$p" ]; then fail "report $f: did not finish (exit $rc)" "$(printf '%s\n' "$out" | tail -n 20)"; continue; fi
      PASS=$((PASS + p))
      FAIL=$((FAIL + f2))
    done
  else
    fail "report: sh sql/views/install.sh failed" "$(tail -n 10 "$R/build.out")"
  fi
fi
suite_summary report $((PASS - p0)) $((FAIL - f0))
fi # report

# This child's CPU seconds (itself and what it ran), for REVOPS_TIMES.
if [ -n "${REVOPS_CHILD:-}" ]; then
  times >"$TMP.times"
  awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.2f\n", $1 * 60 + $2 + $3 * 60 + $4 }' "$TMP.times" >"$TMP.cpu"
fi
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
