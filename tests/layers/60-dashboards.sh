# tests/layers/60-dashboards.sh — the dashboards layer.
#
# The views and persona dashboards (tests/dashboards/run.py) on the demo
# database the data layer imported (no second import): the views installed
# by the documented command, every view and dashboard query under
# trusted_schema=OFF, with and without each filter, additive totals, key
# numbers against plain SQL, docs/dashboards.md and docs/views.md in step,
# one query per persona through ODBC; the terminal printer
# (tests/dashboards/printer.py); the metric catalogue and the dashboard
# structure (tests/dashboards/catalogue.py); the views shared by two places against
# plain SQL (tests/dashboards/shared_views.py); the derived tables kept current and equal
# to their views (tests/dashboards/derived.py), the refresh after a change
# equal to a full refill (tests/dashboards/incremental.py).
#
# needs: data
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

if [ -n "${D:-}" ] && [ -s "$D/a.db" ]; then
  cp "$D/a.db" "$TMP/dash.db"
  if sh sql/views/install.sh "$TMP/dash.db" "$LOAD" >"$TMP/dash.out" 2>&1; then
    pass
    add_counts "$("${PY_RUN[@]}" tests/dashboards/run.py "$TMP/dash.db" "$LOAD" 2>&1 || true)"
    # the terminal dashboards (tools/print_dashboard.py), read-only
    add_counts "$("${PY_RUN[@]}" tests/dashboards/printer.py "$TMP/dash.db" "$LOAD" 2>&1 || true)"
    # the metric catalogue, the dashboard structure, filters, partial
    # periods, no clock reads, the corrected figures (issue 21)
    add_counts "$("${PY_RUN[@]}" tests/dashboards/catalogue.py "$TMP/dash.db" "$LOAD" 2>&1 || true)"
    # the views that serve two places (issue 26) against plain SQL on the
    # raw tables, at four as-of dates (set in transactions rolled back)
    add_counts "$("${PY_RUN[@]}" tests/dashboards/shared_views.py "$TMP/dash.db" "$LOAD" 2>&1 || true)"
    # Two builds from one seed (the data layer's a.db and b.db) print the
    # same dashboard, byte for byte: the sales dashboard `make demo` prints
    # (its first line names the file, so it is left out).
    cp "$D/b.db" "$TMP/dash_b.db"
    sh sql/views/install.sh "$TMP/dash_b.db" "$LOAD" >"$TMP/dash_b.out" 2>&1
    "${PY_RUN[@]}" tools/print_dashboard.py "$TMP/dash.db" sales --ext "$LOAD" 2>&1 | sed 1d >"$TMP/a.dash"
    "${PY_RUN[@]}" tools/print_dashboard.py "$TMP/dash_b.db" sales --ext "$LOAD" 2>&1 | sed 1d >"$TMP/b.dash"
    if cmp -s "$TMP/a.dash" "$TMP/b.dash" && grep -q '^Open deals (count.*  [1-9]' "$TMP/a.dash"; then pass; else
      fail "dashboards: the sales dashboard differs between two builds from one seed, or did not run" \
        "$(tail -n 3 "$TMP/dash_b.out")" "$(head -c 1500 "$TMP/a.dash")"
    fi
    # the derived tables (sql/views/99_derived.sql), on a copy it changes
    cp "$TMP/dash.db" "$TMP/derived.db"
    add_counts "$("${PY_RUN[@]}" tests/dashboards/derived.py "$TMP/derived.db" "$LOAD" 2>&1 || true)"
    # the refresh after a change refills only what it touches, and leaves
    # every kept table as a full refill would (on a fresh copy)
    cp "$TMP/dash.db" "$TMP/incremental.db"
    add_counts "$("${PY_RUN[@]}" tests/dashboards/incremental.py "$TMP/incremental.db" "$LOAD" 2>&1 || true)"
  else
    fail "dashboards: sh sql/views/install.sh failed" "$(tail -n 5 "$TMP/dash.out")"
  fi
else
  fail "dashboards: no demo database from the data layer"
fi
suite_summary dashboards "$PASS" "$FAIL"
