#!/usr/bin/env bash
# Scale benchmark: full builds of generated catalogues of 1,000 and 10,000
# partnerships (wall time min/median/max, peak memory, output size, time of
# each stage, cost of writing the same bytes with cp), and the time a
# one-file edit takes to reach the browser in `serve` on the larger one.
#
#   bash benches/scale.sh            # N = 1000 and 10000
#   SIZES="200 1000" bash benches/scale.sh
#   BIN=/path/to/older/passerelle bash benches/scale.sh   # the same, for a previous build
#   COVERS=1 bash benches/scale.sh   # one partnership in ten with a cover image
#                                    # (resized on the warm-up build, then from the cache)
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time).
# Corpora and outputs go to /dev/shm (tmpfs) so the disk does not dominate.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
WORK=${WORK:-/dev/shm/passerelle-bench}
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install hyperfine time" >&2; exit 2; }
done

cargo build --release --quiet --bin passerelle --example gen-corpus
target=${CARGO_TARGET_DIR:-$PWD/target}
BIN=${BIN:-$target/release/passerelle}
GEN=$target/release/examples/gen-corpus
mkdir -p "$WORK"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
COVERS=${COVERS:-}
suffix=${COVERS:+-covers}
for n in $SIZES; do
  corpus=$WORK/corpus-$n$suffix
  out=$WORK/out-$n$suffix
  [ -f "$corpus/.gen-corpus" ] || "$GEN" --partnerships "$n" --out "$corpus" ${COVERS:+--covers} >/dev/null
  echo
  echo "== N = $n partnerships ($(find "$corpus/content" -type f | wc -l) source files)"
  # A rebuild over the previous output (the usual case: only the files
  # whose bytes changed are written), then a build into an empty folder.
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/build-$n.json" --style none \
    "$BIN build --root $corpus --output $out" >/dev/null 2>&1
  hyperfine --runs "$RUNS" --export-json "$WORK/fresh-$n.json" --style none \
    --prepare "rm -rf $out.fresh" "$BIN build --root $corpus --output $out.fresh" >/dev/null 2>&1
  rm -rf "$out.fresh"
  python3 - "$WORK/build-$n.json" "$WORK/fresh-$n.json" <<'EOF'
import json, sys, statistics
for name, path in (("full build", sys.argv[1]), ("full build into an empty folder", sys.argv[2])):
    result = json.load(open(path))["results"][0]
    r = result["times"]
    print(f"{name}: min {min(r):.3f} s, median {statistics.median(r):.3f} s, max {max(r):.3f} s"
          f" ({len(r)} runs; CPU user {result['user']:.2f} s, system {result['system']:.2f} s)")
EOF
  /usr/bin/time -o "$WORK/time.txt" -f "%M" "$BIN" build --root "$corpus" --output "$out" >/dev/null 2>&1
  peak=$(tail -1 "$WORK/time.txt")
  echo "peak memory: $((peak / 1024)) MiB"
  echo "output: $(find "$out" -type f | wc -l) files, $(du -sm "$out" | cut -f1) MiB"
  echo "stages:"
  "$BIN" build --root "$corpus" --output "$out" --timings 2>&1 | grep " ms  "
  rm -rf "$WORK/copy"
  start=$(date +%s%N); cp -r "$out" "$WORK/copy"; end=$(date +%s%N)
  echo "cp -r of the same output: $(( (end - start) / 1000000 )) ms"
  rm -rf "$WORK/copy"
done

# One-file edit in serve mode, on the largest corpus: from the write of the
# file to the reload event on the server-sent event stream.
n=${SIZES##* }
corpus=$WORK/corpus-$n$suffix
log=$WORK/serve.log
"$BIN" serve --root "$corpus" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 600); do grep -q "Serving the site at" "$log" && break; sleep 0.1; done
port=$(grep -o "127.0.0.1:[0-9]*" "$log" | head -1 | cut -d: -f2)
file=$(find "$corpus/content/partnerships" -name '*.fr.md' | sort | sed -n 5p)
cp "$file" "$WORK/original.md"
echo
echo "== serve, N = $n: one-file edit to reload event and the page served again (debounce 50 ms included)"
times=()
for i in 1 2 3 4 5 6; do
  exec 3< <(curl -sN "http://127.0.0.1:$port/__passerelle/events")
  sleep 0.3
  start=$(date +%s%N)
  printf '\nEdit number %s of the benchmark.\n' "$i" >> "$file"
  while read -r line <&3; do [[ $line == "event: reload" ]] && break; done
  # What the browser does next: ask for the page again (the catalogue's
  # first page, which lists the edited partnership's neighbours).
  curl -s -o /dev/null "http://127.0.0.1:$port/fr/partenariats/"
  end=$(date +%s%N)
  exec 3<&-
  times+=($(( (end - start) / 1000000 )))
  sleep 0.3
done
cp "$WORK/original.md" "$file"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "edit to page served: min %d ms, median %d ms, max %d ms (%d edits)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
grep "Read the changes" "$log" | tail -3
rss=$(ps -o rss= -p "$server")
echo "server memory after the edits: $((rss / 1024)) MiB"

# What a first search downloads on the largest catalogue (needs the browser
# test's packages and Debian's chromium).
if [ -d tests/browser/node_modules ] && command -v chromium >/dev/null; then
  echo
  echo "== search, N = $n: what a first query downloads"
  "$BIN" build --root "$corpus" --output "$WORK/out-$n$suffix" >/dev/null 2>&1
  node benches/search-size.mjs "$WORK/out-$n$suffix" fr
else
  echo "(search sizes skipped: npm ci --prefix tests/browser, and apt-get install chromium)"
fi
