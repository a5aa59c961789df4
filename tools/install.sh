#!/bin/sh
# tools/install.sh PREFIX EXT IMPORT_EXT STATIC GEN — what `make install` copies.
#
#   PREFIX/lib/sqlite3/revops.so       the query extension (for sqlite3 .load, ODBC, Datasette)
#   PREFIX/lib/librevops.a, PREFIX/include/revops.h
#   PREFIX/share/revops/               the tree the revops command runs from: tools/,
#                                      sql/, datasette/, dist/ (both modules) and the
#                                      demo generator (build/demo/gen)
#   PREFIX/bin/revops                  -> ../share/revops/tools/revops
#
# PREFIX includes DESTDIR (the Makefile passes $(DESTDIR)$(PREFIX)).  The
# revops command finds everything relative to its own real path, so the
# installed tree works wherever PREFIX is.
set -eu
if [ $# -ne 5 ]; then
  echo "usage: sh tools/install.sh PREFIX EXT IMPORT_EXT STATIC GEN" >&2
  exit 2
fi
prefix=$1 ext=$2 imp=$3 static=$4 gen=$5
root=$(cd "$(dirname "$0")/.." && pwd)
share=$prefix/share/revops
for f in "$ext" "$imp" "$static" "$gen"; do
  [ -f "$f" ] || { echo "tools/install.sh: $f is missing (run make)" >&2; exit 2; }
done
install -d "$prefix/lib/sqlite3" "$prefix/include" "$prefix/bin" "$share/dist" "$share/build/demo"
install -m 0755 "$ext" "$prefix/lib/sqlite3/"
install -m 0644 "$static" "$prefix/lib/"
install -m 0644 "$root/include/revops.h" "$prefix/include/"
install -m 0755 "$ext" "$imp" "$share/dist/"
install -m 0755 "$gen" "$share/build/demo/gen"
rm -rf "$share/tools" "$share/sql" "$share/datasette"
for d in tools sql datasette; do
  (cd "$root" && find "$d" -type d -name __pycache__ -prune -o -type f ! -name '*.pyc' -print) | while IFS= read -r f; do
    install -d "$share/$(dirname "$f")"
    install -m "$( [ -x "$root/$f" ] && echo 0755 || echo 0644)" "$root/$f" "$share/$f"
  done
done
ln -sf ../share/revops/tools/revops "$prefix/bin/revops"
echo "tools/install.sh: revops installed under $prefix (run $prefix/bin/revops --help)"
