#!/usr/bin/env bash
# Start-up and idle cost of the packaged service against PostgreSQL with production intervals (coalesce PT2S,
# poll PT10S, probe PT60S, canary PT5M) and one site whose one asset a local file server serves:
#   - time to first answer: from launching the JVM to the first 200 from /q/health/live (polled every 20 ms);
#   - RSS and threads 10 s after that;
#   - then IDLE seconds with no traffic: CPU seconds of the process (/proc) and PostgreSQL transactions of its
#     database (pg_stat_database xact_commit + xact_rollback), both per minute.
# Usage: bash bench/idle.sh [idle-seconds] [runs]; JAVA=/path/to/java and JAVA_OPTS="..." pick the JVM and its options
# (e.g. JAVA_OPTS="-XX:SharedArchiveFile=service/target/quarkus-app/app-cds.jsa" for the AppCDS archive).
source "$(dirname "$0")/service.sh"
IDLE=${1:-120}
RUNS=${2:-3}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
build_service
mkdir -p "$BENCH_DIR/results/idle-assets"
echo "console.log('embed.js release=r1');" > "$BENCH_DIR/results/idle-assets/embed.js"
python3 -m http.server 18098 --bind 127.0.0.1 --directory "$BENCH_DIR/results/idle-assets" > /dev/null 2>&1 &
ASSETS=$!
trap 'kill $ASSETS 2>/dev/null || true' EXIT
xacts() {
    psql -h 127.0.0.1 -U postgres -d postgres -tAc \
        "select xact_commit + xact_rollback from pg_stat_database where datname = 'freshguard_idle'"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for run in $(seq 1 "$RUNS"); do
    fresh_database freshguard_idle
    started=$(date +%s%N)
    # shellcheck disable=SC2086
    $JAVA -Xmx512m $JAVA_OPTS -Dquarkus.http.port=18097 \
        -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/freshguard_idle -Dquarkus.datasource.username=postgres \
        -Dfreshguard.audit.token=bench-token -Dfreshguard.audit.chain-key=bench-chain-key \
        -Dfreshguard.webhooks.generic.secret=bench-secret -Dfreshguard.cloudfront.endpoint=http://127.0.0.1:9 \
        -Dfreshguard.sites.idle.distribution-id=EIDLEDIST -Dfreshguard.sites.idle.paths=/embed.js \
        -Dfreshguard.sites.idle.assets.embed.url=http://127.0.0.1:18098/embed.js \
        -Dfreshguard.sites.idle.assets.embed.marker='release=(?<release>[\w.-]+)' \
        -Dquarkus.log.level=WARN -jar "$JAR" > "$BENCH_DIR/results/idle.log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null http://127.0.0.1:18097/q/health/live; do
        kill -0 $pid 2> /dev/null || { echo "the service exited; see bench/results/idle.log" >&2; exit 1; }
        sleep 0.02
    done
    ready=$(( ($(date +%s%N) - started) / 1000000 ))
    sleep 10
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
    threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
    sleep 20
    t0=$(xacts); c0=$(cpu_ticks $pid)
    sleep "$IDLE"
    t1=$(xacts); c1=$(cpu_ticks $pid)
    ticks=$(getconf CLK_TCK)
    awk -v r="$run" -v ready="$ready" -v rss="$rss" -v th="$threads" -v tx=$((t1 - t0 - 1)) -v cpu=$((c1 - c0)) \
        -v hz="$ticks" -v s="$IDLE" 'BEGIN { printf "run %d: first answer %d ms, RSS %d MB, %d threads; idle %d s: %.2f s CPU (%.2f %% of a core), %.1f transactions/min\n",
            r, ready, rss, th, s, cpu / hz, 100 * cpu / hz / s, tx * 60 / s }'
    kill $pid; wait $pid 2>/dev/null || true
done
