# tests/layers/50-python.sh — the python layer.
#
# Loading from Python's sqlite3 module, errors reaching Python
# (tests/python/*.py).
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

for f in tests/python/*.py; do
  out=$("${PY_RUN[@]}" "$f" "$LOAD" 2>&1)
  script_counts "python $f" $? "$out"
done
suite_summary python "$PASS" "$FAIL"
