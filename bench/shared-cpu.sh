#!/usr/bin/env bash
# Two routing servers compared on one CPU at once, for diagnosis (BENCHMARKS.md, "the third
# round"): both pinned to CPU 0 and loaded at the same moment by one wrk each on CPU 1, so
# that the machine's state, which moves a server's rate twofold between rounds here, weighs
# on both alike. Each round prints each server's CPU time per request and A's speed
# relative to B (B's cost over A's); the last line is the median of the rounds.
#
#   bash bench/shared-cpu.sh <dirA>:<variantA> <dirB>:<variantB> [rounds] [app] [path]
#   bash bench/shared-cpu.sh .:ours-fastify .:node-http 8
#   bash bench/shared-cpu.sh /tmp/other-build:ours-fastify .:ours-fastify 12
#
# A dir is a checkout whose `npm run bench` (or `--quick`) has generated bench/.generated
# (the server bundle and the apps); variants are bench/servers/routing.ts's. Needs wrk,
# taskset and python3; Linux only (it reads /proc).
set -euo pipefail

spec_a=$1
spec_b=$2
rounds=${3:-8}
app=${4:-routing-10}
path=${5:-/m0/r9/7/}
seconds=${SECONDS_PER_ROUND:-3}
shape='{"modules":1,"routesPerModule":10}'
[ "$app" = routing-1000 ] && shape='{"modules":20,"routesPerModule":50}'

start() { # dir variant output -> pid
  local dir
  dir=$(cd "$1" && pwd)
  (cd "$dir/bench/.generated" &&
    exec taskset -c 0 node server.mjs routing "$2" \
      "{\"root\":\"$dir/bench/.generated/$app\",\"shape\":$shape}" >"$3") &
  echo $!
}

out_a=$(mktemp)
out_b=$(mktemp)
pid_a=$(start "${spec_a%%:*}" "${spec_a#*:}" "$out_a")
pid_b=$(start "${spec_b%%:*}" "${spec_b#*:}" "$out_b")
trap 'kill $pid_a $pid_b 2>/dev/null; rm -f "$out_a" "$out_b" "$out_a.wrk" "$out_b.wrk"' EXIT
for _ in $(seq 100); do
  grep -q listening "$out_a" && grep -q listening "$out_b" && break
  sleep 0.1
done
port_a=$(awk '{print $2}' "$out_a")
port_b=$(awk '{print $2}' "$out_b")

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

round() {
  local ticks_a ticks_b
  ticks_a=$(cpu_ticks "$pid_a")
  ticks_b=$(cpu_ticks "$pid_b")
  taskset -c 1 wrk -t1 -c50 -d"${seconds}s" "http://127.0.0.1:$port_a$path" >"$out_a.wrk" &
  local load_a=$!
  taskset -c 1 wrk -t1 -c50 -d"${seconds}s" "http://127.0.0.1:$port_b$path" >"$out_b.wrk"
  wait "$load_a"
  python3 - "$ticks_a" "$(cpu_ticks "$pid_a")" "$ticks_b" "$(cpu_ticks "$pid_b")" \
    "$(awk '/requests in/{print $1}' "$out_a.wrk")" "$(awk '/requests in/{print $1}' "$out_b.wrk")" \
    "$(getconf CLK_TCK)" <<'PY'
import sys
a0, a1, b0, b1, requests_a, requests_b, hertz = map(float, sys.argv[1:])
cost_a = (a1 - a0) / hertz / requests_a * 1e6
cost_b = (b1 - b0) / hertz / requests_b * 1e6
print(f"A {cost_a:.2f} us/request, B {cost_b:.2f} us/request, A's speed {cost_b / cost_a:.3f}")
PY
}

round >/dev/null # a warm-up round for both
ratios=()
for _ in $(seq "$rounds"); do
  line=$(round)
  echo "$line"
  ratios+=("${line##* }")
done
printf '%s\n' "${ratios[@]}" | sort -n |
  awk '{ value[NR] = $1 } END { printf "median of %d rounds: %.3f\n", NR, (NR % 2) ? value[(NR + 1) / 2] : (value[NR / 2] + value[NR / 2 + 1]) / 2 }'
