# tests/layers/65-security.sh — the security layer.
#
# Full RELRO: a GNU_RELRO segment and BIND_NOW, so the GOT is read-only once
# the .so is loaded (readelf; ELF platforms only).  Then tests/security/:
# a database file someone sends you, through every script (hostile.py);
# kill -9 at 20 points of each script, two imports at once, readers during
# a refresh (faults.py); the served Datasette locked down (served.py).
# Their base: the demo generator at SCALE=0.01, imported, views installed.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

if command -v readelf >/dev/null 2>&1 && readelf -h "$EXT" >/dev/null 2>&1; then
  if readelf -lW "$EXT" | grep -q GNU_RELRO; then pass; else fail "security: $EXT has no GNU_RELRO segment"; fi
  if readelf -d "$EXT" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW'; then pass; else
    fail "security: $EXT is not linked with -z now (partial RELRO)"
  fi
fi
S=$TMP/security
mkdir -p "$S/csv"
if [ -z "$GEN" ] || ! "$GEN" "$S/csv" 0.01 >/dev/null 2>&1; then
  fail "security: the demo generator (tests/run.sh EXT CORE STATIC GEN) did not make the base set"
elif ! sh sql/import/import.sh "$S/base.db" "$S/csv" "$IMPORT_LOAD" >"$S/base.out" 2>&1 ||
     ! sh sql/views/install.sh "$S/base.db" "$LOAD" >>"$S/base.out" 2>&1; then
  fail "security: the base database could not be built" "$(tail -n 5 "$S/base.out")"
else
  # The scripts run concurrently (each on copies in its own directory).
  for f in tests/security/[a-z]*.py; do
    case $f in */harness.py) continue ;; esac
    t=$S/$(basename "$f" .py)
    mkdir -p "$t"
    { "${PY_RUN[@]}" "$f" "$LOAD" "$IMPORT_LOAD" "$S/base.db" "$t" >"$t.out" 2>&1; echo $? >"$t.rc"; } &
  done
  wait
  for f in tests/security/[a-z]*.py; do
    case $f in */harness.py) continue ;; esac
    t=$S/$(basename "$f" .py)
    script_counts "security $f" "$(cat "$t.rc" 2>/dev/null)" "$(cat "$t.out")"
  done
fi
suite_summary security "$PASS" "$FAIL"
