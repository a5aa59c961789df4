# tests/layers/55-data.sh — the data layer.
#
# The data layer end to end (sql/, docs/data.md), on a demo set generated at
# SCALE=0.1 to stay fast: the generator is deterministic (two runs give the
# same files and the same table checksums, another seed does not), its files
# load through the documented command with nothing rejected, every table
# gets the data the seeds' views need (tests/data/demo_checks.sql), a
# re-import changes nothing, a failing import leaves the database as it was,
# Python can run the import, and the hostile inputs of issue 9 (a FIFO,
# /dev/zero, an over-long record, a progress handler, a reader holding the
# database) are handled. Its demo set ($D: a.db, b.db and the CSV files they
# came from) is what the layers marked "needs: data" read.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

SQLITE3="${SQLITE[*]}"   # for sql/import/import.sh (ASan preload included)
export SQLITE3
sha_tables() { # db -> "table|sha3" per canonical table
  "${SQLITE[@]}" "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'import%' ORDER BY name" |
    while read -r t; do "${SQLITE[@]}" "$1" ".sha3sum $t"; done
}
if [ -z "$GEN" ] || [ ! -x "$GEN" ]; then
  fail "data: no demo generator (tests/run.sh EXT CORE STATIC GEN; make test passes it)"
else
  D=$TMP/data
  mkdir -p "$D/a" "$D/b" "$D/c" "$D/bad"
  if "$GEN" "$D/a" 0.1 && "$GEN" "$D/b" 0.1 && "$GEN" "$D/c" 0.1 7; then pass; else fail "data: generator failed"; fi
  if diff -rq "$D/a" "$D/b" >/dev/null; then pass; else fail "data: same seed, different files" "$(diff -rq "$D/a" "$D/b" | head -5)"; fi
  if diff -rq "$D/a" "$D/c" >/dev/null; then fail "data: another seed gave the same files"; else pass; fi
  if sh sql/import/import.sh "$D/a.db" "$D/a" "$IMPORT_LOAD" >"$D/a.out" 2>&1; then pass; else
    fail "data: import of the demo set failed" "$(tail -n 5 "$D/a.out")"
  fi
  out=$("${PY_RUN[@]}" - "$IMPORT_LOAD" "$D/b" "$D/b.db" <<'PYEOF' 2>&1
import sqlite3, sys
con = sqlite3.connect(sys.argv[3])
con.enable_load_extension(True)
con.load_extension(sys.argv[1])
con.execute("CREATE TEMP TABLE import_request(dir TEXT NOT NULL)")
con.execute("INSERT INTO import_request VALUES (?)", (sys.argv[2],))
con.executescript("BEGIN IMMEDIATE;\n" + open("sql/schema.sql").read() + open("sql/import/import.sql").read() + "COMMIT;")
read, loaded = con.execute("SELECT sum(rows_read), sum(rows_loaded) FROM import_summary").fetchone()
n = con.execute("SELECT count(*) FROM lead_events").fetchone()[0]
con.commit()
print("ok" if read == loaded and n > 0 else "bad %s %s %s" % (read, loaded, n))
PYEOF
)
  if [ "$out" = ok ]; then pass; else fail "data: import from Python" "$out"; fi
  sha_tables "$D/a.db" >"$D/a.sha"
  sha_tables "$D/b.db" >"$D/b.sha"
  n=$(wc -l <"$D/a.sha")
  if [ "$n" -ge 28 ] && cmp -s "$D/a.sha" "$D/b.sha"; then pass; else
    fail "data: two builds from one seed differ (or too few tables: $n)" "$(diff "$D/a.sha" "$D/b.sha" | head -5)"
  fi
  # Every row accounted for; the seeds' patterns are in the data.
  { echo "SELECT 'summary: read = loaded + rejected, nothing rejected', count(*), 0 FROM import_summary WHERE rows_read <> rows_loaded OR rows_rejected <> 0;"
    cat tests/data/demo_checks.sql; } >"$D/checks.sql"
  { printf '.load %s\n.mode quote\n.separator "\\t"\n.nullvalue NULL\n' "$LOAD"; cat "$D/checks.sql"; } |
    "${SQLITE[@]}" "$D/a.db" >"$D/checks.out" 2>&1
  add_counts "$(awk -F '\t' -v file=data -f tests/lib/cases.awk "$D/checks.sql" "$D/checks.out")"
  # Re-import: the same tables, every row unchanged.
  sh sql/import/import.sh "$D/a.db" "$D/a" "$IMPORT_LOAD" >"$D/a2.out" 2>&1
  sha_tables "$D/a.db" >"$D/a2.sha"
  if cmp -s "$D/a.sha" "$D/a2.sha"; then pass; else fail "data: re-import changed a table" "$(diff "$D/a.sha" "$D/a2.sha" | head -5)"; fi
  changed=$("${SQLITE[@]}" "$D/a.db" "SELECT sum(rows_inserted + rows_updated) || ' ' || (sum(rows_unchanged) = sum(rows_read)) FROM import_summary WHERE run_id = 2")
  if [ "$changed" = "0 1" ]; then pass; else fail "data: re-import summary should show every row unchanged" "got: $changed"; fi
  # A failing import (a file that cannot be opened) leaves no trace.
  cp tests/data/fixed/accounts.csv "$D/bad/accounts.csv"
  ln -s "$D/no-such-file" "$D/bad/zz_broken_link.csv"
  before=$("${SQLITE[@]}" "$D/a.db" .sha3sum)
  if sh sql/import/import.sh "$D/a.db" "$D/bad" "$IMPORT_LOAD" >"$D/bad.out" 2>&1; then
    fail "data: an import with an unreadable file should fail"
  elif [ "$("${SQLITE[@]}" "$D/a.db" .sha3sum)" = "$before" ] && grep -q "cannot open" "$D/bad.out"; then pass; else
    fail "data: a failed import changed the database" "$(tail -n 3 "$D/bad.out")"
  fi
  # Issue 9 finding 5: a FIFO or a link to a device named like a CSV file
  # is refused before it is opened (no hang, no endless read); the import
  # fails at once and leaves nothing.  `timeout` would catch a hang.
  mkdir -p "$D/fifo" "$D/zero"
  mkfifo "$D/fifo/accounts.csv"
  ln -s /dev/zero "$D/zero/accounts.csv"
  for kind in fifo zero; do
    if timeout 60 sh sql/import/import.sh "$D/$kind.db" "$D/$kind" "$IMPORT_LOAD" >"$D/$kind.out" 2>&1; then
      fail "data: an import of a $kind named accounts.csv should fail"
    elif grep -q "accounts.csv' is not a regular file (a FIFO, device, socket or directory cannot be imported)" "$D/$kind.out" &&
         [ "$("${SQLITE[@]}" "$D/$kind.db" "SELECT count(*) FROM sqlite_schema")" = 0 ]; then pass; else
      fail "data: $kind: refused before opening, nothing left (issue 9 finding 5)" "$(tail -n 3 "$D/$kind.out")"
    fi
  done
  # Issue 9 finding 6: the schema is created inside the import's
  # transaction, so a failed import into a new file leaves no table.
  if [ "$("${SQLITE[@]}" "$D/new.db" "SELECT count(*) FROM sqlite_schema" 2>&1)" = 0 ] &&
     ! sh sql/import/import.sh "$D/new.db" "$D/bad" "$IMPORT_LOAD" >/dev/null 2>&1 &&
     [ "$("${SQLITE[@]}" "$D/new.db" "SELECT count(*) FROM sqlite_schema")" = 0 ]; then pass; else
    fail "data: a failed import into a new database must leave no table"
  fi
  # A mapping into a table that does not exist stops the import, said so.
  if sh sql/import/import.sh "$D/maptable.db" tests/data/mapping_bad/table "$IMPORT_LOAD" >"$D/maptable.out" 2>&1; then
    fail "data: a mapping into a missing table should fail"
  elif grep -q "revops_import(): a mapping loads x.csv into table subscriptionz, which does not exist" "$D/maptable.out"; then pass; else
    fail "data: a mapping into a missing table names it" "$(tail -n 3 "$D/maptable.out")"
  fi
  # A mapping naming a [values] list no .map file has, and a parent. line
  # naming no foreign key, stop the import with the file and line.
  for c in "nolist|revops_import(): bad.map line 5: values.region = regions names no [values regions] section of a .map file" \
           "badparent|revops_import(): bad.map line 5: parent.name.x: the first name is a column of accounts with a foreign key, the second a column of the table it points to" \
           "unknownfk|revops_import(): bad.map line 4: unknown.campaign_type: campaigns.campaign_type is not a foreign key (unknown. = empty is for a value with no parent row)" \
           "unknownreq|revops_import(): bad.map line 4: unknown.account_id = empty: support_tickets.account_id is required, it cannot be left empty" \
           "lookupfk|revops_import(): bad.map line 4: lookup.channel: lead_id.nope is not a foreign key of touchpoints and a column of the table it points to"; do
    # ... and, the database being new, leaves no file (issue 22: no 0-byte database)
    if sh sql/import/import.sh "$D/map_${c%%|*}.db" "tests/data/mapping_${c%%|*}" "$IMPORT_LOAD" >"$D/map.out" 2>&1; then
      fail "data: mapping_${c%%|*} should stop the import"
    elif [ -e "$D/map_${c%%|*}.db" ]; then
      fail "data: mapping_${c%%|*}: a failed import into a new database left a file" "$(ls -l "$D/map_${c%%|*}.db")"
    elif grep -qF "${c#*|}" "$D/map.out"; then pass; else
      fail "data: mapping_${c%%|*} stops the import, said so" "$(tail -n 3 "$D/map.out")"
    fi
  done
  # A user copies a shipped preset, edits one line, and loads an export
  # whose layout changed (Amount_USD__c instead of Amount): the copy, with
  # the preset's name, replaces the shipped one.  Expected by hand from
  # tests/data/mapping_copy/Opportunity.csv.
  mkdir -p "$D/copy"
  cp tests/data/mapping_copy/Opportunity.csv "$D/copy/"
  sed 's/^column.amount = Amount$/column.amount = Amount_USD__c/' sql/import/presets/salesforce_api_opportunity.map >"$D/copy/my_salesforce.map"
  nchanged=$(diff sql/import/presets/salesforce_api_opportunity.map "$D/copy/my_salesforce.map" | grep -c '^[<>]')
  sh sql/import/import.sh "$D/copy.db" "$D/copy" "$IMPORT_LOAD" >/dev/null 2>&1
  got=$("${SQLITE[@]}" "$D/copy.db" "SELECT (SELECT group_concat(opportunity_id || '/' || coalesce(account_id, '-') || '/' || stage || '/' || amount || '/' || probability, ' ') FROM (SELECT * FROM opportunities ORDER BY 1)) || ' | ' || (SELECT preset || ' ' || note FROM import_summary WHERE table_name = 'opportunities') || ' | ' || (SELECT count(*) FROM import_rejects)")
  if [ "$nchanged" = 2 ] && [ "$got" = "006A1/001A1/Negotiation/75000.0/0.9 006A2/-/Discovery/1200.5/0.1 | salesforce_api_opportunity mapped by my_salesforce.map | 0" ]; then pass; else
    fail "data: a copied preset with one line edited loads the changed layout" "lines changed: $nchanged; got: $got"
  fi
  # Without the copy the shipped preset finds the file but no amount.
  rm "$D/copy/my_salesforce.map"
  sh sql/import/import.sh "$D/copy0.db" "$D/copy" "$IMPORT_LOAD" >/dev/null 2>&1
  got=$("${SQLITE[@]}" "$D/copy0.db" "SELECT group_concat(quote(amount), ' ') FROM opportunities")
  if [ "$got" = "NULL NULL" ]; then pass; else fail "data: the shipped preset alone reads Amount" "got: $got"; fi
  # A dry run prints the mapping and the first problems, and loads nothing.
  out=$(sh sql/import/import.sh --dry-run "$D/dry.db" tests/data/broken "$IMPORT_LOAD" 2>&1)
  if printf '%s\n' "$out" | grep -q "^accounts.csv | 4 | segment: 'Enterprize' is not one of SMB, Mid-Market, Enterprise$" &&
     printf '%s\n' "$out" | grep -q "^opportunities.csv  *opportunities  *12  *2 " &&
     [ ! -e "$D/dry.db" ]; then pass; else
    fail "data: --dry-run shows mapping and problems, loads nothing and leaves no new file" "$(printf '%s\n' "$out" | head -n 20)"
  fi
  # Issue 9 finding 5: a record past the bound (1 MiB) is a reject of its
  # own; the rows around it load.
  mkdir -p "$D/long"
  "$PY" -c "
import sys
with open(sys.argv[1], 'w') as f:
    f.write('account_id,name\nA1,short\nA2,' + 'x' * 1500000 + '\nA3,after\n')" "$D/long/accounts.csv"
  sh sql/import/import.sh "$D/long.db" "$D/long" "$IMPORT_LOAD" >/dev/null 2>&1
  got=$("${SQLITE[@]}" "$D/long.db" "SELECT (SELECT group_concat(account_id) FROM accounts) || ' | ' || reason || ' | ' || length(raw) FROM import_rejects")
  if [ "$got" = "A1,A3 | malformed CSV: the record is longer than 1048576 bytes (the limit) | 1048576" ]; then pass; else
    fail "data: a record over the bound is rejected, its neighbours load" "got: $got"
  fi
  # Interrupts and progress handlers reach the import (issue 9 finding 5),
  # and a reader holding the database during the import makes the COMMIT
  # wait instead of failing (finding 6: the import sets a busy timeout when
  # the connection has none; Python's timeout=0 gives none).
  out=$("${PY_RUN[@]}" - "$IMPORT_LOAD" "$D/a" "$D/py.db" <<'PYEOF' 2>&1
import sqlite3, sys, threading, time
script = ("BEGIN IMMEDIATE;\n" + open("sql/schema.sql").read() +
          open("sql/import/import.sql").read() + "COMMIT;")
def connect(path):
    con = sqlite3.connect(path, timeout=0, isolation_level=None)
    con.enable_load_extension(True)
    con.load_extension(sys.argv[1])
    con.execute("CREATE TEMP TABLE import_request(dir TEXT NOT NULL)")
    con.execute("INSERT INTO import_request VALUES (?)", (sys.argv[2],))
    return con
con = connect(sys.argv[3])
calls = [0]
def progress():
    calls[0] += 1
    return 1 if calls[0] > 200 else 0
con.set_progress_handler(progress, 1000)
try:
    con.executescript(script)
    print("progress handler did not stop the import")
except sqlite3.OperationalError as e:
    con.execute("ROLLBACK") if con.in_transaction else None
    n = con.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    if "interrupted" not in str(e) or n != 0:
        print("progress handler: %s, %d tables left" % (e, n))
con.set_progress_handler(None, 0)
con.executescript(script)
# A reader in rollback-journal mode holds a shared lock for a second while
# the import runs again: the COMMIT must wait for it.
reader = sqlite3.connect(sys.argv[3], isolation_level=None, check_same_thread=False)
reader.execute("BEGIN")
reader.execute("SELECT count(*) FROM sqlite_schema").fetchone()
threading.Timer(1.0, lambda: reader.execute("COMMIT")).start()
con.executescript(script)
read, loaded = con.execute("SELECT sum(rows_read), sum(rows_loaded) FROM import_summary").fetchone()
runs = con.execute("SELECT count(*) FROM import_runs").fetchone()[0]
print("ok" if read == loaded and read > 0 and runs == 2 else "bad %s %s %s" % (read, loaded, runs))
PYEOF
)
  if [ "$out" = ok ]; then pass; else fail "data: progress handler stops the import; a reader makes COMMIT wait" "$out"; fi
fi
suite_summary data "$PASS" "$FAIL"
