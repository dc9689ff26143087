#!/usr/bin/env bash
# Webhook intake on the packaged service and PostgreSQL, driven by wrk with unique pre-signed deploys:
# latency at about 500 req/s (paced connections) and throughput at saturation.
# Usage: bash bench/webhooks.sh [seconds per run] [warm-up seconds]
source "$(dirname "$0")/service.sh"
DURATION=${1:-20}
# C2 is still compiling a minute after start (30% of a core, seen with top -H): warm up longer than that
WARMUP=${2:-90}
command -v wrk > /dev/null || apt-get install -y wrk
build_service
fresh_database freshguard_bench
start_service webhooks 18080 freshguard_bench \
    -Dfreshguard.purge.dry-run=true \
    -Dfreshguard.sites.bench.distribution-id=EBENCHDIST -Dfreshguard.sites.bench.paths=/embed.js \
    -Dfreshguard.sites.bench.sources=generic:bench
analyze_loop freshguard_bench &
ANALYZE_PID=$!
trap 'kill $ANALYZE_PID; stop_service webhooks' EXIT
export WRK_THREADS=2 WRK_BODIES=$BENCH_DIR/results/bodies.txt
# the runs before leave work behind (coalescing, sealing); each measured run starts once it is done
settle() {
    for _ in $(seq 1 60); do
        [ "$(psql -h 127.0.0.1 -U postgres -d freshguard_bench -tAc "select (select count(*) from audit_log where hash is null)
            + (select count(*) from deploy where status = 'RECEIVED')")" -lt 50 ] && return 0
        sleep 1
    done
}
run() { # connections delay-ms [seconds]
    python3 "$BENCH_DIR/sign-bodies.py" bench-secret bench 400000 "$WRK_BODIES"
    settle
    WRK_DELAY_MS=$2 wrk -t2 -c"$1" -d"${3:-$DURATION}s" --latency -s "$BENCH_DIR/webhooks.lua" http://127.0.0.1:18080 \
        | grep -E "Requests/sec|^ +(50|90|99)%|status|Non-2xx|Socket errors"
}
echo "== warm-up"; run 16 20 "$WARMUP" > /dev/null
# a closed loop that achieves a little over 500 req/s while latency stays low (wrk gives each of its 2 threads
# connections/2 connections, so the count must be even)
for i in 1 2 3; do echo "== paced: 12 connections, 22 ms pause each (~520 req/s offered)"; run 12 22; done
for i in 1 2 3; do echo "== saturation: 32 connections"; run 32 0; done
psql -h 127.0.0.1 -U postgres -d freshguard_bench -tAc "select 'deploys stored: ' || count(*) from deploy"
