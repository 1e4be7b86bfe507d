#!/usr/bin/env bash
# Measures command throughput of a cluster of silos on one machine against one embedded server, in the same run, with the
# load generator (`dure bench`). Each mode gets a fresh data directory; a cluster gets a PostgreSQL of its own
# (scripts/postgres.sh): mode "cluster" keeps membership, reminders and the platform's stores there, mode "cluster-sqlite"
# only membership and reminders, its silos sharing the data directory (the embedded store). Mode "echo" is a bare ASP.NET
# Core WebSocket echo server (bench/Dure.EchoServer) driven the same way: the transport's floor.
# Usage: scripts/cluster-bench.sh [--silos 3] [--devices 200] [--duration 20] [--runs 3] [--modes "echo single cluster cluster-sqlite"]
# Prints one JSON report per run, then a summary table of medians (docs/BENCHMARKS.md, "Cluster").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
silos=3 devices=200 duration=20 runs=3 modes="single cluster"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos) silos="$2"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    *) echo "usage: $0 [--silos N] [--devices N] [--duration S] [--runs N] [--modes \"single cluster\"]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d /tmp/dure-cluster-bench-XXXXXX)"
chmod 755 "$work" # the postgres user (when run as root) must reach its data directory inside
export DURE_PG_DIR="$work/postgres" DURE_PG_PORT="${DURE_PG_PORT:-55632}"
key="dure_bench-partner-key"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  "$root/scripts/postgres.sh" stop || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/dure" --help >/dev/null # builds the command line once, before anything is timed

# start_silos MODE COUNT: starts COUNT servers on ports 18100+i and waits until they serve (and see each other).
start_silos() {
  local mode="$1" count="$2" data="$work/data-$1" args=() storage=""
  mkdir -p "$data"
  [[ "$mode" == cluster-sqlite ]] && storage=Sqlite
  if [[ "$mode" == cluster* ]]; then
    local connection
    connection="$("$root/scripts/postgres.sh" createdb "bench_$(date +%s)")"
    args=(--cluster "$connection" --cluster-id "bench-$(date +%s)")
  fi
  urls=()
  for ((i = 0; i < count; i++)); do
    local port=$((18100 + i))
    env ${storage:+Dure__Storage__Provider=$storage} Dure__Demo__PartnerKey="$key" Dure__Demo__ConsolePassword=bench Dure__Demo__DeviceToken=bench-demo \
      Dure__RateLimits__DevicePerSecond=100000 Dure__RateLimits__DeviceBurst=100000 \
      "$root/dure" serve --urls "http://127.0.0.1:$port" --data "$data" --silo-port $((11200 + i)) --gateway-port $((30200 + i)) \
      "${args[@]}" >"$work/$mode-$i.log" 2>&1 &
    pids+=($!)
    urls+=("http://127.0.0.1:$port")
    # The first silo creates the store before the others open it.
    if [[ $i -eq 0 ]]; then wait_health "${urls[0]}/health"; fi
  done
  for url in "${urls[@]}"; do wait_health "$url/health"; done
  if [[ "$mode" == cluster* ]]; then
    for url in "${urls[@]}"; do
      until curl -fs "$url/health/cluster" | python3 -c "import json,sys; sys.exit(len(json.load(sys.stdin)['activeSilos']) != $count)"; do sleep 1; done
    done
  fi
}

wait_health() {
  for _ in $(seq 1 240); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "cluster-bench: $1 did not come up" >&2; exit 1
}

stop_silos() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

[[ " $modes " == *" cluster"* ]] && "$root/scripts/postgres.sh" start >/dev/null
results="$work/results.jsonl"
for mode in $modes; do
  count=1
  if [[ "$mode" == echo ]]; then
    dotnet build "$root/bench/Dure.EchoServer" -c Release -o "$work/echo" -nologo -v quiet >/dev/null
    dotnet "$work/echo/Dure.EchoServer.dll" --urls http://127.0.0.1:18100 >"$work/echo.log" 2>&1 &
    pids+=($!)
    until curl -s -o /dev/null http://127.0.0.1:18100/v1/devices/connect; do sleep 1; done
    for ((r = 1; r <= runs; r++)); do
      line="$("$root/dure" bench --server http://127.0.0.1:18100 --echo --devices "$devices" --duration "$duration" --json 2>/dev/null)"
      echo "$line"
      echo "{\"mode\":\"echo\",\"silos\":1,\"report\":$line}" >>"$results"
    done
    stop_silos
    continue
  fi
  [[ "$mode" == cluster* ]] && count="$silos"
  start_silos "$mode" "$count"
  server="$(IFS=,; echo "${urls[*]}")"
  # Provisioning through the first silo, and a short first run that warms every silo up.
  "$root/dure" bench --server "$server" --partner-key "$key" --devices "$devices" --duration 5 --save-tokens "$work/tokens-$mode" --json >/dev/null
  for ((r = 1; r <= runs; r++)); do
    line="$("$root/dure" bench --server "$server" --tokens "$work/tokens-$mode" --devices "$devices" --duration "$duration" --json 2>/dev/null)"
    echo "$line"
    echo "{\"mode\":\"$mode\",\"silos\":$count,\"report\":$line}" >>"$results"
  done
  stop_silos
done

python3 - "$results" "$devices" "$duration" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"\n{sys.argv[2]} devices, {sys.argv[3]} s per run, medians of {len(rows) // max(1, len({r['mode'] for r in rows}))} runs")
print("| mode | silos | commands/s | p50 ms | p95 ms | p99 ms | errors+timeouts | server CPU % of one core |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for mode in dict.fromkeys(r["mode"] for r in rows):
    runs = [r["report"] for r in rows if r["mode"] == mode]
    med = lambda f: statistics.median(f(x) for x in runs)
    cpu = [x["server"]["cpuPercent"] for x in runs if x.get("server")]
    print(f"| {mode} | {rows[[r['mode'] for r in rows].index(mode)]['silos']} | {med(lambda x: x['commandsPerSecond']):.0f} | "
          f"{med(lambda x: x['latency']['p50']):.1f} | {med(lambda x: x['latency']['p95']):.1f} | {med(lambda x: x['latency']['p99']):.1f} | "
          f"{med(lambda x: x['errors'] + x['timeouts']):.0f} | {statistics.median(cpu) if cpu else '-'} |")
PY
