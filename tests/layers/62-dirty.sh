# tests/layers/62-dirty.sh — the dirty layer.
#
# Dirty data never takes a page down (issue 22): on databases written by
# hand from sql/schema.sql's constraints (tests/dirty/*.sql: every kind of
# dirty record the schema accepts, empty tables, one row per table, the
# as-of date at the bounds, CRM-only and marketing-only exports of
# 2016-2018), the views installed by sql/views/install.sh, every view and
# every persona's dashboard answers with and without filters, and the
# figures each database is there for are the ones worked out by hand in
# tests/dirty/run.py.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

add_counts "$("${PY_RUN[@]}" tests/dirty/run.py "$LOAD" 2>&1 || true)"
suite_summary dirty "$PASS" "$FAIL"
