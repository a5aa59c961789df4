#!/usr/bin/env bash
# tests/run.sh EXT CORE_TESTS STATIC_TESTS [DEMO_GENERATOR [CORE_TESTS_NO_INT128]]
#
# The test driver: runs every layer of the suite and ends with one line,
# "N passed, N failed".  A layer is a file, tests/layers/NN-NAME.sh: NN
# places its output (the files in name order), NAME is what
# REVOPS_LAYERS="sql errors" selects; its header says what it proves
# (docs/testing.md has the table).  A file there is a layer: nothing lists
# them.  A layer whose header has the line "# needs: data" reads the data
# layer's demo set ($D) and starts once that layer has finished.
#
# Each layer runs in a process of its own (this script again, with
# REVOPS_CHILD set), REVOPS_JOBS at a time (default: the number of cores;
# 1 runs them one after another), its output in a file of its own; the
# outputs are printed in layer order, whatever order they finish in, so the
# output is the same on every run, and their last lines are added up.  A
# layer that ends without its counts line (a crash, a kill) is a FAIL.
# REVOPS_TIMES=FILE writes each layer's wall and CPU seconds.  What a layer
# file may use (variables, pass, fail, ...): tests/lib/layer.sh.
set -u
export LC_ALL=C   # one sort order for comm and diff
EXT=$1
CORE_TESTS=$2
STATIC_TESTS=$3
GEN=${4:-}
CORE_TESTS_NO128=${5:-}
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
. tests/lib/layer.sh

# The layer files, in output order (the glob sorts by name), and a file's
# layer name: tests/layers/25-sql.sh is "sql".
LAYER_FILES=()
for f in tests/layers/[0-9]*-*.sh; do [ -f "$f" ] && LAYER_FILES+=("$f"); done
layer_name() { local b=${1##*/}; b=${b#*-}; printf '%s\n' "${b%.sh}"; }

# -------------------------------------------------------------- a layer
if [ -n "${REVOPS_CHILD:-}" ]; then
  # The driver's scratch directory for this layer (removed by the driver),
  # the data layer's demo set when it has one.
  TMP=$REVOPS_CHILD
  mkdir -p "$TMP"
  [ -n "${REVOPS_DEMO:-}" ] && D=$REVOPS_DEMO
  LAYER_FILE=
  for f in "${LAYER_FILES[@]}"; do [ "$(layer_name "$f")" = "$REVOPS_LAYERS" ] && LAYER_FILE=$f; done
  . "$LAYER_FILE"
  # This layer's CPU seconds (itself and what it ran), for REVOPS_TIMES.
  times >"$TMP.times"
  awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.2f\n", $1 * 60 + $2 + $3 * 60 + $4 }' "$TMP.times" >"$TMP.cpu"
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" = 0 ]
  exit
fi

# -------------------------------------------------------------- driver
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LAYERS=()
NEEDS_DATA=()
for f in "${LAYER_FILES[@]}"; do
  l=$(layer_name "$f")
  LAYERS+=("$l")
  grep -qx '# needs: data' "$f" && NEEDS_DATA+=("$l")
done
# REVOPS_LAYERS="sql errors docs" runs only those layers (tests/wine.sh);
# unset, every layer runs.  C tests are the layer "ctests".  A name that is
# no layer is a FAIL (a typo would otherwise run nothing and pass).
want() {
  [ -z "${REVOPS_LAYERS:-}" ] && return 0
  case " $REVOPS_LAYERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}
for l in ${REVOPS_LAYERS:-}; do
  case " ${LAYERS[*]} " in *" $l "*) ;; *) fail "REVOPS_LAYERS names $l, which is no layer (tests/layers/: ${LAYERS[*]})" ;; esac
done
needs_data() { case " ${NEEDS_DATA[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
JOBS=${REVOPS_JOBS:-$(nproc 2>/dev/null || echo 2)}
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || JOBS=2
# Start order: the data layer (the heaviest wait for it), then the
# heaviest first, so the last to end are short ones (REVOPS_TIMES, 2
# cores: security 260 s wall, postgres 256, report 243, dashboards 207,
# dirty 77, insights 56, the rest under 10 each); security needs no data,
# so it starts beside the data layer.  The rest in layer order.
pending=()
for l in data security postgres report dashboards dirty insights ctests sql python errors fuzz "${LAYERS[@]}"; do
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
