#!/usr/bin/env bash
# Webhook intake while 1,000 pipelines wait on the commit gate: the paced intake run of bench/webhooks.sh alone, then
# beside 1,000 connections each holding GET /audit/sites/bench/commits/<sha>/wait (every request held its full hold).
# Reports intake's latency, the service's thread count and the database connections in use during each run.
# Usage: bash bench/waiters.sh [seconds per run] [warm-up seconds] [waiters]
source "$(dirname "$0")/service.sh"
DURATION=${1:-20}
WARMUP=${2:-60}
WAITERS=${3:-1000}
command -v wrk > /dev/null || apt-get install -y wrk
ulimit -n 8192
build_service
fresh_database freshguard_waiters
start_service waiters 18081 freshguard_waiters \
    -Dfreshguard.purge.dry-run=true \
    -Dfreshguard.sites.bench.distribution-id=EBENCHDIST -Dfreshguard.sites.bench.paths=/embed.js \
    -Dfreshguard.sites.bench.sources=generic:bench
PID=$(cat "$BENCH_DIR/results/waiters.pid")
analyze_loop freshguard_waiters &
ANALYZE_PID=$!
trap 'kill $ANALYZE_PID $SAMPLER_PID 2>/dev/null; stop_service waiters' EXIT
export WRK_THREADS=2 WRK_BODIES=$BENCH_DIR/results/waiter-bodies.txt
# the highest thread count and database connections seen while a run goes on, sampled every 0.5 s
sample() {
    local out=$1 threads=0 conns=0
    while :; do
        t=$(ls "/proc/$PID/task" | wc -l)
        c=$(psql -h 127.0.0.1 -U postgres -d freshguard_waiters -tAc \
            "select count(*) from pg_stat_activity where datname = 'freshguard_waiters' and state <> 'idle' and pid <> pg_backend_pid()")
        [ "$t" -gt "$threads" ] && threads=$t
        [ "$c" -gt "$conns" ] && conns=$c
        echo "threads_max=$threads busy_db_connections_max=$conns" > "$out"
        sleep 0.5
    done
}
intake() { # label
    python3 "$BENCH_DIR/sign-bodies.py" bench-secret bench 200000 "$WRK_BODIES"
    sample "$BENCH_DIR/results/waiters-sample.txt" & SAMPLER_PID=$!
    echo "== $1: paced intake, 12 connections, 22 ms pause each"
    WRK_DELAY_MS=22 wrk -t2 -c12 -d"${DURATION}s" --latency -s "$BENCH_DIR/webhooks.lua" http://127.0.0.1:18081 \
        | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx|Socket errors"
    kill $SAMPLER_PID; wait $SAMPLER_PID 2>/dev/null || true
    cat "$BENCH_DIR/results/waiters-sample.txt"
}
echo "== warm-up"; python3 "$BENCH_DIR/sign-bodies.py" bench-secret bench 200000 "$WRK_BODIES"
WRK_DELAY_MS=20 wrk -t2 -c12 -d"${WARMUP}s" -s "$BENCH_DIR/webhooks.lua" http://127.0.0.1:18081 > /dev/null
echo "threads at rest: $(ls "/proc/$PID/task" | wc -l)"
for i in 1 2 3; do
    intake "alone ($i)"
    # the waiters: started, given time to connect and be held, kept for the whole intake run
    WAIT_SHA=$(openssl rand -hex 20) wrk -t2 -c"$WAITERS" -d"$((DURATION + 25))s" --timeout 30s --latency \
        -s "$BENCH_DIR/waiters.lua" http://127.0.0.1:18081 > "$BENCH_DIR/results/waiters-wrk.txt" &
    WAITERS_PID=$!
    sleep 5
    intake "beside $WAITERS held waiters ($i)"
    wait $WAITERS_PID
    grep -E "requests in|Non-2xx|Socket errors|^ +50%" "$BENCH_DIR/results/waiters-wrk.txt" | sed 's/^/   waiters: /'
done
