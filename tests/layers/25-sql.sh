# tests/layers/25-sql.sh — the sql layer.
#
# Tests/sql/*.sql through the sqlite3 shell (-bail); every output row is
# "label<TAB>actual<TAB>expected", compared as typed text, and every
# declared case must print a row (tests/lib/cases.awk).  tests/sql/data_*
# load the import module too.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

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
suite_summary sql "$PASS" "$FAIL"
