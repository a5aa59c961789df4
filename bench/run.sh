#!/usr/bin/env bash
# make bench: run every bench/bench_*.sh with the extension's path.  Each
# script times revops against a baseline doing the same job in plain SQL
# (or a plain scan of the same rows) in the same run, and prints ratios.
# Results are also kept in bench/out/ (not committed).
set -eu
EXT=$1
cd "$(dirname "$0")/.."
mkdir -p bench/out
for f in bench/bench_*.sh; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .sh)
  echo "== $name"
  bash "$f" "$EXT" | tee "bench/out/$name.txt"
done
