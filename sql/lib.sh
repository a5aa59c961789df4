# sql/lib.sh — sourced by sql/import/import.sh, sql/views/install.sh and
# sql/views/refresh.sh: the one way they start sqlite3 on a database, and
# the list of objects revops itself creates, read from the shipped sources.
#
# A database file is untrusted input (docs/security.md "A database file
# someone sends you").  So the scripts
#   * never build SQL or shell text from what the file holds: every
#     statement they run is shipped text, or generated from shipped text
#     on an in-memory database (revops_generate below);
#   * start every sqlite3 on the file through revops_shell: the extension
#     loaded, then PRAGMA trusted_schema = OFF (the file's views and
#     triggers can call only innocuous functions) and safe mode (-safe: no
#     .shell, .system, .read, .load, .open, .output; no ATTACH; no edit(),
#     readfile(), writefile(), load_extension());
#   * compare the file's triggers and views with the shipped ones before
#     anything runs (sql/check.sql) and stop, naming what differs.
# Needs: $here (the script's folder) set by the script.

# revops_plain_path WHAT PATH: PATH goes into a dot-command ('...'), which
# has no escape for a quote: refuse one, and line breaks or other control
# characters, rather than guess.
revops_plain_path() {
  case $2 in
    *"'"*) echo "$revops_me: $1 must not contain a single quote: $2" >&2; exit 2 ;;
  esac
  if printf '%s' "$2" | LC_ALL=C grep -q '[[:cntrl:]]'; then
    echo "$revops_me: $1 must not contain a line break or other control character" >&2; exit 2
  fi
}

# revops_shell DB EXT [sqlite3 options]: sqlite3 on DB reading SQL from
# standard input, EXT loaded first.  -safe comes after the -cmd options:
# the shell applies its options in order, so the extension loads and the
# settings take effect before safe mode starts (tests/security/ checks that
# these shells refuse .shell, .read, ATTACH, edit() and load_extension()).
revops_shell() {
  _db=$1 _ext=$2
  shift 2
  case $_db in -*) _db=./$_db ;; esac
  # glibc's fast bins off: compiling the large views (insight_cards'
  # refill) spends a third of its time in malloc_consolidate otherwise
  # (docs/performance.md); a value the user set is kept.
  GLIBC_TUNABLES=${GLIBC_TUNABLES:-glibc.malloc.mxfast=0} \
  ${SQLITE3:-sqlite3} -bail -batch "$@" -cmd 'PRAGMA trusted_schema = OFF' -cmd ".load '$_ext'" \
    -cmd '.timeout 10000' -safe "$_db"
}

# revops_sources: the shipped schema and view files, in install order.
revops_sources() {
  cat "$revops_sql/schema.sql"
  for _f in "$revops_sql"/views/*.sql; do
    [ -e "$_f" ] && cat "$_f"
  done
}

# revops_generation_failed DIR WHAT: a generating session in DIR failed:
# print the generator's "error: " lines if it wrote any, else WHAT and
# the session's output, and stop.
revops_generation_failed() {
  if grep -q '^error: ' "$1/derived.sql" 2>/dev/null; then
    sed -n 's/^error: //p' "$1/derived.sql" >&2
  else
    echo "$revops_me: $2:" >&2
    sed 's/^/  /' "$1/shell.out" >&2
  fi
  exit 1
}

# revops_generate EXT: from the shipped sources alone (an in-memory
# database, never the user's file), make in the folder $revops_gen
#   derived.sql   what turns the kept views into caches and live views
#                 (sql/views/derived/install.sql's output);
#   expected.sql  temp.revops_expected: every object a full install
#                 creates, with its exact schema text (sql/expected.sql);
#   cleanup.sql   what install.sh drops before it writes anything (sql/expected.sql);
#   refill.sql    what refills every kept table (sql/views/derived/refresh.sql).
# The output depends only on those files and the extension: it is kept in
# build/sql-cache/ of the source tree (when that can be written) under
# their checksum, so the next run reads it instead of making it again
# (0.5 s).  A line "error: ..." of the derived tables' generator is
# printed and the script stops.
revops_generate() {
  _ext=$1
  _lib=
  for _s in "" .so .dylib .dll; do
    [ -f "$_ext$_s" ] && { _lib=$_ext$_s; break; }
  done
  [ -n "$_lib" ] || { echo "$revops_me: no extension $_ext (run make)" >&2; exit 2; }
  _key=$({ cat "$revops_sql/schema.sql" "$revops_sql/expected.sql" "$revops_sql/views/derived/install.sql" \
           "$revops_sql/views/derived/refresh.sql" "$revops_sql/views/derived/reads.sql" "$_lib"; for _f in "$revops_sql"/views/*.sql; do
           [ -e "$_f" ] && cat "$_f"; done; } | cksum | tr ' ' '-')
  _cache=$revops_sql/../build/sql-cache
  if [ -f "$_cache/$_key/refill.sql" ]; then
    revops_gen=$_cache/$_key
    return 0
  fi
  _dir=$revops_tmp/generated
  mkdir "$_dir" "$_dir/reads"
  # First, the columns each kept view reads (sql/views/derived/reads.sql):
  # an in-memory session of the schema, the view files and a first pass
  # of the derived tables' generator, where the as-of date is a constant
  # (its own reads are not a view's: its value is in the fingerprint);
  # compiling each V_live and V_refill with the shell's authorizer report
  # on prints a line "authorizer: READ "table" "column" ..." per column
  # read, which awk writes to reads.csv under the view's "KIND NAME" line.
  # Names are checked to be plain words before they are written.
  { revops_sources
    echo ".output '$_dir/reads/derived.sql'"
    cat "$revops_sql/views/derived/install.sql"
    echo ".output '$_dir/reads/auth.sql'"
    cat "$revops_sql/views/derived/reads.sql"
    echo ".output '$_dir/reads/run.out'"
    echo ".read '$_dir/reads/derived.sql'"
    echo "DROP VIEW as_of_date;"
    echo "CREATE VIEW as_of_date AS SELECT '2000-01-01' AS as_of, 'settings' AS source, NULL AS latest_date;"
    echo ".output '$_dir/reads/auth.out'"
    echo ".auth on"
    echo ".read '$_dir/reads/auth.sql'"
    echo ".auth off"
  } | ${SQLITE3:-sqlite3} -bail -batch -list -noheader -cmd ".load '$_ext'" :memory: >"$_dir/reads/shell.out" 2>&1 &&
  awk 'BEGIN { print "kind,name,tbl,col" }
    /^(fp|inputs|name) [a-z0-9_]+$/ { kind = $1; name = $2; next }
    /^authorizer: READ / {
      if (kind == "" || $0 !~ /^authorizer: READ "[A-Za-z0-9_]+" "[A-Za-z0-9_]*" /) { print "unexpected: " $0 > "/dev/stderr"; exit 1 }
      split($0, f, "\""); print kind "," name "," f[2] "," f[4]; next }
    /^authorizer: / { next }
    { print "unexpected: " $0 > "/dev/stderr"; exit 1 }' "$_dir/reads/auth.out" >"$_dir/reads/reads.csv" 2>>"$_dir/reads/shell.out" ||
    revops_generation_failed "$_dir/reads" "the columns the kept views read could not be found"
  # Then one in-memory session, shipped text only: the schema, the view
  # files, those reads, the derived tables' generator writing derived.sql,
  # which is then run there, and what is left is described (expected.sql)
  # and the refill written (refresh.sql).
  { cat "$revops_sql/schema.sql"
    echo "CREATE TEMP TABLE revops_origin AS SELECT name, 'schema' AS origin FROM main.sqlite_schema;"
    for _f in "$revops_sql"/views/*.sql; do
      [ -e "$_f" ] && cat "$_f"
    done
    echo ".import --csv --schema temp '$_dir/reads/reads.csv' derived_reads"
    echo ".output '$_dir/derived.sql'"
    cat "$revops_sql/views/derived/install.sql"
    echo ".output '$_dir/generated.sql'"
    echo ".read '$_dir/derived.sql'"
    cat "$revops_sql/expected.sql"
    echo ".print '-- refill'"
    cat "$revops_sql/views/derived/refresh.sql"
  } | ${SQLITE3:-sqlite3} -bail -batch -list -noheader -cmd ".load '$_ext'" :memory: >"$_dir/shell.out" 2>&1 ||
    revops_generation_failed "$_dir" "the shipped views could not be generated"
  awk -v d="$_dir" '/^-- cleanup$/ { f = "cleanup" } /^-- refill$/ { f = "refill" }
    { print > (d "/" f ".sql") }' f=expected "$_dir/generated.sql"
  rm -f "$_dir/generated.sql" "$_dir/shell.out"
  rm -rf "$_dir/reads"
  revops_gen=$_dir
  # Kept for the next run: copied whole, then renamed into place, so a
  # reader never sees half of it (two runs at once both make it; one wins).
  if mkdir -p "$_cache" 2>/dev/null && [ -w "$_cache" ] && cp -R "$_dir" "$_cache/.$_key.$$" 2>/dev/null; then
    [ -e "$_cache/$_key" ] || mv "$_cache/.$_key.$$" "$_cache/$_key" 2>/dev/null
    rm -rf "$_cache/.$_key.$$" "$_cache/$_key/.$_key.$$"
  fi
}

# revops_check MODE: the SQL that stops a run (inside its transaction,
# before anything is written) when the file holds a trigger or view revops
# did not create; MODE is install, import or refresh (sql/check.sql).
revops_check() {
  echo "CREATE TEMP TABLE revops_mode AS SELECT '$1' AS mode;"
  cat "$revops_sql/check.sql"
}

# revops_report OUTPUT: after a failed run, print its "error: " lines (the
# problems sql/check.sql found) or, when there are none, what sqlite3 said.
revops_report() {
  if printf '%s\n' "$1" | grep -q '^error: '; then
    printf '%s\n' "$1" | awk -v me="$revops_me" 'sub(/^error: /, "") { print me ": " $0 }' >&2
  else
    printf '%s\n' "$1" | sed 's/^/  /' >&2
  fi
}

revops_tmp=$(mktemp -d "${TMPDIR:-/tmp}/revops.XXXXXX")
trap 'rm -rf "$revops_tmp"' EXIT
trap 'exit 130' INT TERM HUP
revops_sql=$(cd "$here/.." && pwd)
revops_plain_path "the revops folder" "$revops_sql"
revops_plain_path "the temporary folder" "$revops_tmp"
