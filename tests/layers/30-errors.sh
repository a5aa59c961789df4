# tests/layers/30-errors.sh — the errors layer.
#
# Tests/errors/*.txt: statements that must fail, each with the exact message
# expected.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

# Case format, cases separated by blank lines:
#   # label
#   SQL ...            (any number of lines; setup may come first)
#   ! expected error message
# All cases of a file run in one shell, each on a fresh database; errors
# are matched to cases by the line number the shell reports.
for f in tests/errors/*.txt; do
  case $f in tests/errors/import*) extra=$IMPORT_LOAD ;; *) extra="" ;; esac
  awk -v load="$LOAD" -v extra="$extra" -v script="$TMP/script.sql" -v cases="$TMP/cases.tsv" '
    function flush() {
      if (label != "") {
        printf ".open :memory:\n.load %s\n", load > script; line += 2
        if (extra != "") { printf ".load %s\n", extra > script; line++ }
        first = line + 1
        printf "%s", sql > script; line += nsql
        printf "%s\t%d\t%d\t%s\n", label, first, line, expect > cases
      }
      label = ""; sql = ""; nsql = 0; expect = ""
    }
    BEGIN { line = 0 }
    /^# / { flush(); label = substr($0, 3); next }
    /^! / { expect = substr($0, 3); next }
    /^$/ { next }
    { sql = sql $0 "\n"; nsql++ }
    END { flush() }' "$f"
  "${SQLITE[@]}" :memory: <"$TMP/script.sql" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  res=$(awk -F '\t' -v file="$f" -v rc="$rc" '
    FNR == NR {
      if (match($0, /near line [0-9]+: /)) {
        n = substr($0, RSTART + 10, RLENGTH - 12) + 0
        msg[n] = substr($0, RSTART + RLENGTH)
      } else if ($0 ~ /^(==|[A-Za-z].*Sanitizer|SUMMARY)/) { san = san "\n     " $0 }
      next
    }
    {
      got = ""
      for (k = $2; k <= $3; k++) if (k in msg) { got = msg[k]; break }
      if (got == $4) ok++
      else { printf "FAIL %s: %s\n     expected error: %s\n     actual error:   %s\n", file, $1, $4, (got == "" ? "(none)" : got); bad++ }
    }
    END {
      if (san != "") { printf "FAIL %s: sanitizer report%s\n", file, san; bad++ }
      printf "%d %d\n", ok, bad
    }' "$TMP/err" "$TMP/cases.tsv")
  add_counts "$res"
  [ "$rc" = 99 ] && fail "$f: sanitizer stopped the shell" "$(tail -n 30 "$TMP/err")"
done
suite_summary errors "$PASS" "$FAIL"
