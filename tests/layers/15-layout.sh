# tests/layers/15-layout.sh — the layout layer.
#
# What a new file or function must not forget, checked from the sources
# themselves rather than from a copied list (docs/contributing.md): no
# binding or import file includes the core's private header, every import
# file opens with its comment, no file in ext/ over 1000 lines, the root
# holds only what README's Layout names, every domain is registered, every
# core test runs, the version is written once.
#
# Sourced by tests/run.sh in a process of its own; what it may use:
# tests/lib/layer.sh.

# The core's private header stays in the core.
bad=$(grep -l 'internal\.h' ext/sqlite/*.c ext/sqlite/*.h 2>/dev/null)
if [ -z "$bad" ]; then pass; else fail "layout: bindings include ext/core/internal.h (use buf.h or revops.h)" "$bad"; fi
# The import module too: buf.h and revops.h are what it may use of the core.
bad=$(grep -l 'internal\.h' ext/import/*.c ext/import/*.h 2>/dev/null)
if [ -z "$bad" ]; then pass; else fail "layout: import files include ext/core/internal.h (use buf.h or revops.h)" "$bad"; fi
# Every import file opens with a comment naming it, what it owns and what
# it must not do (docs/contributing.md "The import module").
for f in ext/import/*.c ext/import/*.h; do
  missing=$(awk -v name="$(basename "$f")" '
    NR == 1 && $0 != "/*" { print "a /* comment on the first line"; exit }
    NR == 2 && index($0, "** " name " — ") != 1 { print "\"** " name " — ...\" on the second line" }
    /^\*\* Owns: / { owns = 1 }
    /^\*\* Must not: / { mustnot = 1 }
    /\*\// { if (!owns) print "an \"** Owns: \" line"; if (!mustnot) print "a \"** Must not: \" line"; exit }' "$f")
  if [ -z "$missing" ]; then pass; else fail "layout: $f: its opening comment lacks $(printf '%s\n' "$missing" | paste -sd ';' - | sed 's/;/; /g')"; fi
done
# No C file in ext/ over 1,000 lines: a file that grows past it is split by
# what its parts do (docs/contributing.md).
bad=$(wc -l ext/*/*.c ext/*/*.h | awk '$2 != "total" && $1 > 1000 { print $2 " (" $1 " lines)" }')
if [ -z "$bad" ]; then pass; else fail "layout: files in ext/ over 1000 lines (split them by stage or domain)" "$bad"; fi
# The repository root holds only what README.md's Layout table names, and
# README.md, Makefile, .ci, .gitignore, .gitattributes: a file left there
# by mistake fails by its name.  What git would commit (tracked, or not
# ignored); outside a git checkout, every entry .gitignore does not name.
allowed=" README.md Makefile .ci .gitignore .gitattributes $(awk '
  /^## / { on = ($0 == "## Layout"); next }
  on && /^\| `/ { p = $2; gsub(/`/, "", p); sub(/\/.*/, "", p); printf "%s ", p }' README.md)"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t top < <(git ls-files --cached --others --exclude-standard | sed 's|/.*||' | sort -u)
else
  mapfile -t ignored < <(sed -n 's|^/\([^/]*\)/\{0,1\}$|\1|p' .gitignore)
  top=()
  for e in * .[!.]*; do
    [ -e "$e" ] && [ "$e" != .git ] || continue
    for g in "${ignored[@]}"; do [[ $e == $g ]] && continue 2; done
    top+=("$e")
  done
fi
bad=""
for e in "${top[@]}"; do case "$allowed" in *" $e "*) ;; *) bad="$bad $e" ;; esac; done
if [ "${#top[@]}" -gt 0 ] && [ -z "$bad" ]; then pass; else
  fail "layout: the repository root holds what README.md's Layout table does not name:$bad" \
    "(move it into a folder the table names, delete it, or add its row to the table)"
fi
# Every layer file is named NN-NAME.sh, opens with "# tests/layers/FILE —
# the NAME layer." and a paragraph on what it proves, and no two files
# share a NAME (tests/run.sh would run only one; docs/testing.md).
names=" "
for f in tests/layers/*; do
  b=${f##*/} n=${b#*-}; n=${n%.sh}
  if ! [[ "$b" =~ ^[0-9][0-9]-[a-z0-9_]+\.sh$ ]]; then fail "layout: $f is not named NN-NAME.sh (tests/run.sh runs only those)"; continue; fi
  if [ "$(sed -n 1p "$f")" != "# tests/layers/$b — the $n layer." ] || ! sed -n 3p "$f" | grep -q '^# [A-Z]'; then
    fail "layout: $f does not open with \"# tests/layers/$b — the $n layer.\", a blank comment line and what the layer proves"
  elif [ "${names#* $n }" != "$names" ]; then fail "layout: two layer files are named $n"
  else pass; fi
  names="$names$n "
done
# docs/architecture.md stays true: every folder and file it names exists
# (globs such as sql/views/NN_*.sql must match; dist/ and build/ are
# built, not named), and every function of its walk of as_of is in the
# file its row names.
mapfile -t paths < <(grep -o '\(ext\|sql\|tools\|tests\|include\|docs\|bench\)/[][A-Za-z0-9_./*<>-]*' docs/architecture.md |
  sed 's/[.,)]*$//; s/<[a-z]*>/*/g; s/NN/[0-9][0-9]/g' | sort -u)
n=0 bad=""
for q in "${paths[@]}"; do
  n=$((n + 1))
  case "$q" in */) [ -d "$q" ] || bad="$bad $q" ;; *) compgen -G "$q" >/dev/null || bad="$bad $q" ;; esac
done
if [ "$n" -ge 20 ] && [ -z "$bad" ]; then pass; else
  fail "layout: docs/architecture.md names what is not in the tree (or names under 20 paths: $n):$bad"
fi
walk=$(awk -F'|' '/^## The walk/ { on = 1; next } /^## / { on = 0 } on && $2 ~ /^ [0-9]+ $/ { print $3 "|" $4 }' docs/architecture.md | tr -d '` ')
n=0 bad=""
for r in $walk; do
  n=$((n + 1))
  if [ ! -f "${r%%|*}" ] || ! grep -qw -- "${r#*|}" "${r%%|*}"; then bad="$bad ${r%%|*}:${r#*|}"; fi
done
if [ "$n" -ge 5 ] && [ -z "$bad" ]; then pass; else
  fail "layout: the walk of as_of in docs/architecture.md names a function its file no longer has (or has under 5 steps: $n):$bad"
fi
# Every domain a binding file defines is registered by revops.c.
for d in $(sed -n 's/^const RevopsDomain \(revops_domain_[a-z_0-9]*\) = .*/\1/p' ext/sqlite/*.c); do
  if grep -q "&$d\b" ext/sqlite/revops.c; then pass; else fail "layout: $d is not in revops_domains[] (ext/sqlite/revops.c)"; fi
done
# Every core test file's test_<name>() is called by tests/core/main.c.
for t in $(sed -n 's/^void \(test_[a-z_0-9]*\)(void) {$/\1/p' tests/core/test_*.c); do
  if grep -q "^  $t();" tests/core/main.c; then pass; else fail "layout: $t() is never called (tests/core/main.c)"; fi
done
# The version is written once, in include/revops.h.
v=$(sed -n 's/^#define REVOPS_VERSION "\(.*\)"$/\1/p' include/revops.h)
bad=$(grep -rlF "\"$v\"" --include='*.c' --include='*.h' --include='*.py' --include='*.sh' --include='*.sql' \
  --include='*.md' --include='*.txt' --include=Makefile --exclude-dir=build --exclude-dir=dist --exclude-dir=.git . 2>/dev/null |
  grep -v '^./include/revops.h$' || true)
bad="$bad$(grep -rlF "'$v'" --include='*.sql' --include='*.md' --include='*.txt' --include='*.py' --exclude-dir=build . 2>/dev/null || true)"
if [ -n "$v" ] && [ -z "$bad" ]; then pass; else fail "layout: the version literal $v is repeated outside include/revops.h" "$bad"; fi
suite_summary layout "$PASS" "$FAIL"
