# tests/layers/80-report.sh — the report layer.
#
# What people look at (issues 13 and 24): the HTML report and the served
# dashboards in headless chromium, the page layout's names, the Datasette
# metadata, the ODBC types BI tools see, the revops command end to end.  tests/report/*.py each
# get the extension, a copy of the data layer's SCALE=0.1 demo database with
# the views installed, and a scratch directory; they print FAIL and SKIP
# lines (a SKIP names what did not run and is not counted as a pass).
#
# needs: data
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

if [ -z "${D:-}" ] || [ ! -s "$D/a.db" ]; then
  fail "report: no demo database from the data layer"
else
  R=$TMP/report
  mkdir -p "$R"
  cp "$D/a.db" "$R/demo.db"
  if sh sql/views/install.sh "$R/demo.db" "$LOAD" >"$R/build.out" 2>&1; then
    # The scripts run concurrently (each reads the database, writes only in
    # its own directory); their outputs are read in file order.
    # test_cli.py loads the data layer's CSV files into a fresh database
    # with the revops command and runs its demo with the generator.
    export REVOPS_TEST_CSV="$D/a" REVOPS_TEST_GEN="$GEN"
    for f in tests/report/test_*.py; do
      t=$R/$(basename "$f" .py)
      mkdir -p "$t"
      { "${PY_RUN[@]}" "$f" "$LOAD" "$R/demo.db" "$t" >"$t.out" 2>&1; echo $? >"$t.rc"; } &
    done
    wait
    for f in tests/report/test_*.py; do
      t=$R/$(basename "$f" .py)
      script_counts "report $f" "$(cat "$t.rc" 2>/dev/null)" "$(cat "$t.out")"
    done
  else
    fail "report: sh sql/views/install.sh failed" "$(tail -n 10 "$R/build.out")"
  fi
fi
suite_summary report "$PASS" "$FAIL"
