# tests/layers/10-windows.sh — the windows layer.
#
# Dist/revops.dll (make windows, mingw-w64) exports exactly one symbol and
# imports only KERNEL32 and msvcrt (tools/check_dll.sh); runs when make
# passes REVOPS_DLL (not under make asan).
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

if [ -n "${REVOPS_DLL:-}" ]; then
  if out=$(sh tools/check_dll.sh "$REVOPS_DLL" 2>&1); then pass; else fail "windows: $REVOPS_DLL" "$out"; fi
  suite_summary windows "$PASS" "$FAIL"
fi
