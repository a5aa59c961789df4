# tests/lib/cases.awk — check the case rows of one SQL suite.
#
#   awk -F '\t' -v file=NAME -f tests/lib/cases.awk SUITE.sql OUTPUT
#
# SUITE.sql declares its cases: every line that starts with SELECT '<label>'
# is a case (a label followed by || is a prefix: the case may print several
# rows whose labels start with it).  OUTPUT is what the sqlite3 shell
# printed in .mode quote with a tab separator, so that each value carries
# its type: 'text', 15 (INTEGER), 15.0 (REAL), NULL, X'00' (BLOB), REALs
# to 20 significant digits.  Each row is label<TAB>actual<TAB>expected and
# passes when actual and expected are the same text (never compared as
# numbers: 15 is not 15.0, '15' is not 15).
#
# A declared case that printed no row fails by its label; a row whose label
# no case declares fails too.  Prints FAIL lines, then "ok bad".
FNR == NR {
  if (match($0, /^SELECT '([^']|'')*'/)) {
    lab = substr($0, 9, RLENGTH - 9)
    rest = substr($0, RLENGTH + 1)
    if (rest ~ /^[ \t]*\|\|/) { prefix[lab] = 1; nprefix++ }
    else { want[lab]++; order[++ndecl] = lab }
  }
  next
}
NF == 0 { next }
NF != 3 || $1 !~ /^'.*'$/ {
  printf "FAIL %s: malformed case row (want 'label'<TAB>actual<TAB>expected): %s\n", file, $0
  bad++
  next
}
{
  lab = substr($1, 2, length($1) - 2)
  if (lab in want) seen[lab]++
  else {
    found = 0
    for (p in prefix) if (index(lab, p) == 1) { pseen[p]++; found = 1; break }
    if (!found) {
      printf "FAIL %s: a row whose label no case declares (a line starting SELECT '<label>'): %s\n", file, lab
      bad++
      next
    }
  }
  if (($2 "") == ($3 "")) ok++
  else { printf "FAIL %s: %s\n     expected: %s\n     actual:   %s\n", file, lab, $3, $2; bad++ }
}
END {
  for (i = 1; i <= ndecl; i++) {
    lab = order[i]
    if (seen[lab] < want[lab]) {
      printf "FAIL %s: %s\n     the case printed no row (%d declared with this label, %d rows)\n", file, lab, want[lab], seen[lab] + 0
      bad++
      seen[lab] = want[lab]  # report a label once
    }
  }
  for (p in prefix) if (!(p in pseen)) {
    printf "FAIL %s: %s...\n     the case printed no row\n", file, p
    bad++
  }
  printf "%d %d\n", ok, bad
}
