# tests/layers/35-registry.sh — the registry layer.
#
# What .load registers (pragma_function_list, pragma_module_list) against
# tests/registry.expected and tests/registry_import.expected; each name
# listed by revops_functions, documented under '### name' in docs/, with
# cases in tests/sql/ and a place in README's table; every function works in
# a view under trusted_schema=OFF, every DIRECTONLY reader is refused there.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

reg_sql="SELECT name || '|' || narg || '|' || type || '|' ||
  CASE WHEN flags & 0x800 THEN 'deterministic ' ELSE '' END ||
  CASE WHEN flags & 0x200000 THEN 'innocuous ' ELSE '' END ||
  CASE WHEN flags & 0x80000 THEN 'directonly ' ELSE '' END
  FROM pragma_function_list ORDER BY 1;
SELECT 'module|' || name FROM pragma_module_list ORDER BY 1;"
"${SQLITE[@]}" :memory: "$reg_sql" | sed 's/ $//' | sort >"$TMP/before"
"${SQLITE[@]}" -cmd ".load $LOAD" :memory: "$reg_sql" | sed 's/ $//' | sort >"$TMP/after"
comm -13 "$TMP/before" "$TMP/after" >"$TMP/registered"
grep -v '^#' tests/registry.expected | grep -v '^$' | sort >"$TMP/expected"
if diff -u "$TMP/expected" "$TMP/registered" >"$TMP/diff"; then pass; else
  fail "registry: registered functions differ from tests/registry.expected (- expected, + registered)" "$(cat "$TMP/diff")"
fi
# revops_functions must list the same names as SQLite reports.
"${SQLITE[@]}" -cmd ".load $LOAD" :memory: \
  "SELECT DISTINCT CASE kind WHEN 'table' THEN 'module|' || name ELSE name END FROM revops_functions ORDER BY 1" >"$TMP/listed"
awk -F '|' '$1 == "module" { print $1 "|" $2; next } { print $1 }' "$TMP/registered" | sort -u >"$TMP/names"
if diff -u "$TMP/names" "$TMP/listed" >"$TMP/diff"; then pass; else
  fail "registry: revops_functions differs from pragma_function_list (- registered, + listed)" "$(cat "$TMP/diff")"
fi
# Every name is documented: a '### name' heading in docs/.
while read -r name; do
  name=${name#module|}
  if grep -q "^### $name\$" docs/*.md; then pass; else
    fail "registry: $name has no '### $name' section in docs/"
  fi
done <"$TMP/names"
# Every function works in a view read with trusted_schema=OFF (it is
# SQLITE_INNOCUOUS), and every file reader is refused there (DIRECTONLY):
# a view calling each function with NULL arguments, generated from
# revops_functions, so no list of names is copied by hand.  A function of
# any arity (narg -1, e.g. learn_fit) is named in a subquery over no rows:
# SQLite checks the INNOCUOUS flag when it resolves the name, so the view
# still fails if the flag is missing, and no argument list has to be made up.
gen_view="SELECT 'CREATE VIEW callall AS SELECT ' || group_concat(CASE WHEN kind = 'table'
  THEN '(SELECT 1 FROM ' || name || ' LIMIT 0)'
  WHEN narg < 0 THEN '(SELECT ' || name || '() WHERE 0)'
  ELSE name || '(' || substr(replace(hex(zeroblob(narg)), '00', ',NULL'), 2) || ')' END, ', ') || ';'
  FROM (SELECT DISTINCT name, kind, narg FROM revops_functions WHERE NOT directonly)"
"${SQLITE[@]}" -cmd ".load $LOAD" :memory: "$gen_view" >"$TMP/callall.sql"
out=$("${SQLITE[@]}" -cmd ".load $LOAD" :memory: ".read $TMP/callall.sql" "PRAGMA trusted_schema=OFF" "SELECT count(*) FROM callall" 2>&1)
if [ "$out" = 1 ]; then pass; else fail "registry: a view calling every function fails with trusted_schema=OFF" "$out"; fi
for name in $("${SQLITE[@]}" -cmd ".load $LOAD" :memory: "SELECT DISTINCT name FROM revops_functions WHERE directonly"); do
  out=$("${SQLITE[@]}" -cmd ".load $LOAD" :memory: "CREATE VIEW v AS SELECT (SELECT 1 FROM $name LIMIT 0)" \
    "PRAGMA trusted_schema=OFF" "SELECT * FROM v" 2>&1)
  case "$out" in *"unsafe use of virtual table \"$name\""*) pass ;; *) fail "registry: $name (DIRECTONLY) was not refused in a view" "$out" ;; esac
done
# Every name has cases in tests/sql/ (the docs example alone is not a test).
while read -r name; do
  name=${name#module|}
  if grep -qw "$name" tests/sql/*.sql; then pass; else fail "registry: $name has no case in tests/sql/"; fi
done <"$TMP/names"
# Every name is in README.md's table of functions ("What is in it").
while read -r name; do
  name=${name#module|}
  if grep -q "^| [a-z]* | .*\`$name\`" README.md; then pass; else
    fail "registry: $name is not in README.md's table of functions (the row of its domain)"
  fi
done <"$TMP/names"
# The import module the same way: what it registers against
# tests/registry_import.expected, each name under a '### name' heading in
# docs/ and with cases in tests/sql/ or, for what only errors show,
# tests/errors/.
"${SQLITE[@]}" -cmd ".load $IMPORT_LOAD" :memory: "$reg_sql" | sed 's/ $//' | sort >"$TMP/after_import"
comm -13 "$TMP/before" "$TMP/after_import" >"$TMP/registered_import"
grep -v '^#' tests/registry_import.expected | grep -v '^$' | sort >"$TMP/expected_import"
if diff -u "$TMP/expected_import" "$TMP/registered_import" >"$TMP/diff"; then pass; else
  fail "registry: the import module's registrations differ from tests/registry_import.expected (- expected, + registered)" "$(cat "$TMP/diff")"
fi
while read -r name; do
  name=${name#module|}
  name=${name%%|*}
  if grep -q "^### $name\$" docs/*.md; then pass; else fail "registry: $name (import module) has no '### $name' section in docs/"; fi
  if grep -qw "$name" tests/sql/*.sql tests/errors/*; then pass; else fail "registry: $name (import module) has no case in tests/sql/ or tests/errors/"; fi
done <"$TMP/registered_import"
suite_summary registry "$PASS" "$FAIL"
