# tests/layers/40-docs.sh — the docs layer.
#
# Every ```sql block in docs/ followed by an ```output block runs on a fresh
# database and prints exactly that; every '### name' section has one.
# Every local link of README.md and docs/ resolves.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

# Each ```sql block followed by an ```output block is a case, run on a
# fresh database in the shell's default list mode, as a reader would.
# docs/data.md documents the import module, so its examples load it too.
awk -v load="$LOAD" -v importload="$IMPORT_LOAD" -v script="$TMP/doc.sql" -v expfile="$TMP/doc.exp" '
  FNR == 1 { n = 0; insql = inout = pending = 0 }
  /^```sql$/ { insql = 1; sql = ""; next }
  insql && /^```$/ { insql = 0; pending = 1; next }
  insql { sql = sql $0 "\n"; next }
  pending && /^$/ { next }
  pending && /^```output$/ {
    pending = 0; inout = 1; n++
    printf ".open :memory:\n.load %s\n", load > script
    if (FILENAME == "docs/data.md") printf ".load %s\n", importload > script
    printf ".print @@DOC %d %s\n%s", n, FILENAME, sql > script
    printf "@@DOC %d %s\n", n, FILENAME > expfile
    next
  }
  pending { pending = 0 }
  inout && /^```$/ { inout = 0; next }
  inout { print > expfile; next }
' docs/*.md
if [ -f "$TMP/doc.sql" ]; then
  "${SQLITE[@]}" :memory: <"$TMP/doc.sql" >"$TMP/doc.out" 2>"$TMP/doc.err"
  res=$(awk '
    FNR == NR { if ($0 ~ /^@@DOC /) k = $2 " " $3; else out[k] = out[k] $0 "\n"; next }
    /^@@DOC / { k = $2 " " $3; keys[++nk] = k; next }
    { want[k] = want[k] $0 "\n" }
    END {
      for (i = 1; i <= nk; i++) {
        k = keys[i]
        if (out[k] == want[k]) ok++
        else { printf "FAIL docs example %s\n     expected:\n%s     actual:\n%s", k, want[k], out[k]; bad++ }
      }
      printf "%d %d\n", ok, bad
    }' "$TMP/doc.out" "$TMP/doc.exp")
  add_counts "$res"
  if [ -s "$TMP/doc.err" ]; then fail "docs: errors while running examples" "$(head -c 2000 "$TMP/doc.err")"; fi
fi
# Every '### name' function section in docs/ has an executed example.
for f in docs/*.md; do
  missing=$(awk '
    /^### / { if (name != "" && !ex) print name; name = substr($0, 5); ex = 0; next }
    /^## / { if (name != "" && !ex) print name; name = ""; next }
    /^```output$/ { ex = 1 }
    END { if (name != "" && !ex) print name }' "$f")
  for name in $missing; do fail "docs: $f section '### $name' has no executed example (sql + output blocks)"; done
done
# Every local link and image of README.md and docs/*.md names a file that
# exists (a screenshot a page shows, a doc another points to).
for f in README.md docs/*.md; do
  dir=$(dirname "$f")
  for target in $(grep -o '\]([^)#:]*[)#]' "$f" | sed 's/^](//; s/[)#]$//' | sort -u); do
    [ -n "$target" ] || continue
    if [ -e "$dir/$target" ]; then pass; else fail "docs: $f links to $target, which does not exist"; fi
  done
done
suite_summary docs "$PASS" "$FAIL"
