# tests/layers/75-insights.sh — the insights layer.
#
# Insight cards, next-best actions, coaching, churn actions and alerts
# (tests/insights/test_insights.py): a fire / no-fire database per rule,
# confidence against sample size, hostile JSON, the alert cycle and the
# alerts command; then the demo checks on a copy of the data layer's demo
# database with the views installed by the documented command.
#
# needs: data
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

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
script_counts insights $? "$out"
suite_summary insights "$PASS" "$FAIL"
