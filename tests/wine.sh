#!/usr/bin/env bash
# tests/wine.sh DLL — the SQL, error and docs suites on Windows: SQLite's
# own shell cross-compiled with mingw-w64 from the amalgamation the npm
# package "sqlite3" ships (deps/sqlite-autoconf-*.tar.gz), run under
# Debian's wine64, loading DLL (make windows).  Not part of make test (the
# amalgamation takes a minute to compile); `make wine-test` runs it.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DLL=$1
NPM_SQLITE=${NPM_SQLITE:-sqlite3@6.0.1}        # ships SQLite 3.52.0
WINE=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
W=$ROOT/build/win/sqlite
mkdir -p "$W"
if [ ! -x "$W/sqlite3.exe" ]; then
  (cd "$W" && npm pack --silent "$NPM_SQLITE" >/dev/null && tar -xzf sqlite3-*.tgz package/deps &&
    tar -xzf package/deps/sqlite-autoconf-*.tar.gz)
  src=$(ls -d "$W"/sqlite-autoconf-*/ | head -n 1)
  # FTS5 and the math functions, as the Debian shell has them (tests use both).
  x86_64-w64-mingw32-gcc -O1 -municode -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_MATH_FUNCTIONS \
    -o "$W/sqlite3.exe" "$src/shell.c" "$src/sqlite3.c"
fi
# A sqlite3 on PATH that runs the Windows shell, with Windows line ends
# turned back so the runner compares what it always compares.
mkdir -p "$W/bin"
cat >"$W/bin/sqlite3" <<SH
#!/usr/bin/env bash
err=\$(mktemp)
"$WINE" "$W/sqlite3.exe" "\$@" 2>"\$err" | tr -d '\r'
rc=\${PIPESTATUS[0]}
tr -d '\r' <"\$err" >&2
rm -f "\$err"
exit \$rc
SH
chmod +x "$W/bin/sqlite3"
export WINEPREFIX=${WINEPREFIX:-$ROOT/build/win/prefix} WINEDEBUG=-all
echo "SQLite on Windows: $("$W/bin/sqlite3" -version | cut -d' ' -f1), wine $("$WINE" --version)"
cd "$ROOT"
PATH="$W/bin:$PATH" REVOPS_LAYERS="sql errors docs" bash tests/run.sh "$DLL" - - -
