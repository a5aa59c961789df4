#!/bin/sh
# tools/check_dll.sh DLL [ENTRY] — a Windows build of revops exports
# exactly ENTRY (default sqlite3_revops_init; the import module's is
# sqlite3_revopsimport_init) and imports only KERNEL32.dll and msvcrt.dll
# (no MinGW runtime DLL to ship next to it).  Used by `make windows` and by
# the windows layer of tests/run.sh.
dump=$(${WIN_OBJDUMP:-x86_64-w64-mingw32-objdump} -p "$1") || exit 2
exports=$(printf '%s\n' "$dump" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' |
  awk '/^[[:space:]]+\[/ {print $NF}' | tr '\n' ' ')
imports=$(printf '%s\n' "$dump" | sed -n 's/^[[:space:]]*DLL Name: //p' | sort | tr '\n' ' ')
entry=${2:-sqlite3_revops_init}
rc=0
[ "$exports" = "$entry " ] || { echo "$1 exports: $exports(want exactly $entry)"; rc=1; }
[ "$imports" = "KERNEL32.dll msvcrt.dll " ] || { echo "$1 imports: $imports(want KERNEL32.dll msvcrt.dll)"; rc=1; }
[ "$rc" = 0 ] && echo "$1: exports $entry only; imports $imports"
exit $rc
