#!/usr/bin/env bash
# perf-runtime.sh: native CPU profile of one workerd process while a benchmark runs, for what
# the V8 profile (`npm run bench -- --profile <scenario>`) cannot see: the runtime's own C++
# (socket pumps, the isolate lock, KJ events), which under a burst is most of the CPU.
#
#   bash bench/perf-runtime.sh <workerd pid> [seconds=8] [out=/tmp/perf-runtime]
#
# The pid is the "runtime" workerd that `npm run bench` logs for the app, the relay or the
# peer ("workerd entry E, runtime R"). Start this while that side's run is going (the burst
# of the app lasts ~60 s, the peer's ~15 s). Writes <out>/<pid>.data and <out>/<pid>.txt: the
# top functions by self time and by total time (children included), workerd's own frames.
# Needs `perf` (linux-perf) and kernel.perf_event_paranoid <= 2 for a process of one's own.
set -euo pipefail
pid=${1:?workerd pid}
secs=${2:-8}
out=${3:-/tmp/perf-runtime}
mkdir -p "$out"
perf record -e cpu-clock -F 2000 -g -p "$pid" -o "$out/$pid.data" -- sleep "$secs" 2> "$out/$pid.record.log"
{
  echo "# self time (top 25)"
  perf report -i "$out/$pid.data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | grep '%' | grep -v '^#' | head -25
  echo
  echo "# total time, children included: workerd's socket, lock and event frames (top 40)"
  perf report -i "$out/$pid.data" --children --sort sym --stdio -g none 2>/dev/null | grep '%' | grep -v '^#' \
    | grep -E 'workerd::|kj::' | cut -c1-220 | head -40
} > "$out/$pid.txt"
echo "$out/$pid.txt"
