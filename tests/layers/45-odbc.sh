# tests/layers/45-odbc.sh — the odbc layer.
#
# The SQLite ODBC driver (Debian libsqliteodbc, with unixODBC's isql) loads
# the extension named by the DSN's LoadExt setting: what a BI tool does.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

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
suite_summary odbc "$PASS" "$FAIL"
