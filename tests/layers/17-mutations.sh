# tests/layers/17-mutations.sh — the mutations layer.
#
# The cheap half of make mutate (tests/mutate.sh, docs/testing.md
# "Mutations"): tests/mutations/cases.txt parses, every mutation names
# layers that exist, and every mutation's target text is still in its
# file exactly once, so a refactor that moves the code a mutation breaks
# fails here instead of silently turning that mutation into a no-op; and
# tests/sql/lib/install.sql (what the view fixtures of tests/sql/ read)
# still installs every view file.  The mutations themselves are not run.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

add_counts "$("$PY" tests/mutations/mutations.py check . 2>&1)"
suite_summary mutations "$PASS" "$FAIL"
