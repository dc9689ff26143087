#!/usr/bin/env bash
# One probe cycle over 1,000 local assets (200 KiB each, marker in the first line): cycle time, CPU time of the
# service per cycle, and bytes read per asset. Usage: bash bench/probe.sh [assets] [cycles]
source "$(dirname "$0")/service.sh"
ASSETS=${1:-1000}
CYCLES=${2:-10}
build_service
fresh_database freshguard_bench_probe
java "$BENCH_DIR/AssetServer.java" 18090 &
ASSET_PID=$!
trap 'kill $ASSET_PID 2>/dev/null; stop_service probe' EXIT
sleep 2
ARGS=(-Dfreshguard.purge.dry-run=true -Dfreshguard.probe.interval=PT5S
      -Dfreshguard.sites.bench.distribution-id=EPROBEBENCH -Dfreshguard.sites.bench.paths=/asset/*
      -Dfreshguard.sites.bench.sources=generic:bench)
for i in $(seq 1 "$ASSETS"); do
    ARGS+=("-Dfreshguard.sites.bench.assets.a$i.url=http://127.0.0.1:18090/asset/$i.js")
done
start_service probe 18091 freshguard_bench_probe "${ARGS[@]}"
PID=$(cat "$BENCH_DIR/results/probe.pid")
metric() { curl -s http://127.0.0.1:19091/q/metrics | awk -v m="$1" '$1 == m {print $2}'; }
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$PID/stat"; }   # utime + stime in clock ticks of 10 ms
until [ "$(metric freshguard_probe_cycle_seconds_count)" != "" ] && [ "${ONCE:-}" = 1 ]; do ONCE=1; sleep 6; done
c0=$(metric freshguard_probe_cycle_seconds_count); s0=$(metric freshguard_probe_cycle_seconds_sum); cpu0=$(cpu_ms); b0=$(curl -s localhost:18090/stats)
sleep $((CYCLES * 5))
c1=$(metric freshguard_probe_cycle_seconds_count); s1=$(metric freshguard_probe_cycle_seconds_sum); cpu1=$(cpu_ms); b1=$(curl -s localhost:18090/stats)
python3 - "$c0" "$c1" "$s0" "$s1" "$cpu0" "$cpu1" "$b0" "$b1" "$ASSETS" <<'PY'
import sys
c0, c1, s0, s1, cpu0, cpu1, b0, b1, n = map(float, sys.argv[1:])
cycles = c1 - c0
print(f"cycles measured: {cycles:.0f} over {n:.0f} assets")
print(f"mean cycle time: {(s1 - s0) / cycles:.3f} s   (max since start: see freshguard_probe_cycle_seconds_max)")
print(f"service CPU per cycle: {(cpu1 - cpu0) / cycles:.0f} ms")
print(f"bytes the asset server managed to send per asset per cycle: {(b1 - b0) / cycles / n / 1024:.1f} KiB (of 200 KiB)")
PY
echo "max cycle seconds: $(metric freshguard_probe_cycle_seconds_max)"
psql -h 127.0.0.1 -U postgres -d freshguard_bench_probe -tAc \
  "select 'bytes read by the probe per asset: avg ' || round(avg(bytes_read)) || ', max ' || max(bytes_read) || '; states: ' || string_agg(distinct state, ',') from asset_state"
