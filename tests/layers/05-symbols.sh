# tests/layers/05-symbols.sh — the symbols layer.
#
# Each shared object exports exactly its entry point: dist/revops.so
# sqlite3_revops_init, dist/revops_import.so sqlite3_revopsimport_init (read
# with nm).
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

syms=$(nm -D --defined-only "$EXT" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sort | tr '\n' ' ')
if [ "$syms" = "sqlite3_revops_init " ]; then pass; else
  fail "symbols: exactly one exported symbol" "expected: sqlite3_revops_init" "actual:   $syms"
fi
syms=$(nm -D --defined-only "$IMPORT_EXT" | awk '$2 ~ /^[TDBRVWi]$/ {print $3}' | sort | tr '\n' ' ')
if [ "$syms" = "sqlite3_revopsimport_init " ]; then pass; else
  fail "symbols: exactly one exported symbol in the import module" "expected: sqlite3_revopsimport_init" "actual:   $syms"
fi
suite_summary symbols "$PASS" "$FAIL"
