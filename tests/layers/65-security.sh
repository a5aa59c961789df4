# tests/layers/65-security.sh — the security layer.
#
# Full RELRO: a GNU_RELRO segment and BIND_NOW, so the GOT is read-only once
# the .so is loaded (readelf; ELF platforms only).
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

if command -v readelf >/dev/null 2>&1 && readelf -h "$EXT" >/dev/null 2>&1; then
  if readelf -lW "$EXT" | grep -q GNU_RELRO; then pass; else fail "security: $EXT has no GNU_RELRO segment"; fi
  if readelf -d "$EXT" | grep -Eq 'BIND_NOW|FLAGS_1.*NOW'; then pass; else
    fail "security: $EXT is not linked with -z now (partial RELRO)"
  fi
fi
suite_summary security "$PASS" "$FAIL"
