#!/usr/bin/env bash
# Start-up and idle cost of the packaged service, started as production starts it (bin/freshguard: the build's class
# archive, the small-container memory settings) against PostgreSQL with production intervals (coalesce PT2S, poll
# PT10S, probe PT60S, canary PT5M) and one site whose one asset a local file server serves.
#   bash bench/idle.sh startup RUNS   time to first answer (launch to the first 200 from /q/health/live on the management port, polled every
#                                     10 ms) and RSS 10 s later, RUNS restarts on one migrated database
#   bash bench/idle.sh idle SECONDS   one start, SETTLE seconds (180) to settle (the JIT finishes the start-up
#                                     work), then SECONDS with no traffic: CPU seconds of the process and of each
#                                     of its threads (/proc), PostgreSQL transactions of its database
#                                     (pg_stat_database xact_commit + xact_rollback, the bench's own reads taken off)
# JAVA_HOME picks the JDK, FRESHGUARD_APP another build's quarkus-app (e.g. one built on JDK 25 with its app.aot),
# FRESHGUARD_CLASS_ARCHIVE=off starts without the archive, JAVA_OPTS adds JVM options. IDLE_PORT (18097) moves the
# service, its asset server (the next port), database and files, so that two builds can be measured side by side.
source "$(dirname "$0")/service.sh"
MODE=${1:-startup}
COUNT=${2:-5}
PORT=${IDLE_PORT:-18097}
ASSET_PORT=$((PORT + 1))
DB=freshguard_idle${IDLE_PORT:+_$IDLE_PORT}
OUT=$BENCH_DIR/results/idle${IDLE_PORT:+-$IDLE_PORT}
export FRESHGUARD_APP=${FRESHGUARD_APP:-$ROOT/service/target/quarkus-app}
[ -f "$FRESHGUARD_APP/quarkus-run.jar" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
mkdir -p "$BENCH_DIR/results/idle-assets"
echo "console.log('embed.js release=r1');" > "$BENCH_DIR/results/idle-assets/embed.js"
python3 -m http.server "$ASSET_PORT" --bind 127.0.0.1 --directory "$BENCH_DIR/results/idle-assets" > /dev/null 2>&1 &
ASSETS=$!
pid=""
trap 'kill $ASSETS $pid 2>/dev/null || true' EXIT
xacts() {
    psql -h 127.0.0.1 -U postgres -d postgres -tAc \
        "select xact_commit + xact_rollback from pg_stat_database where datname = '$DB'"
}
cpu_ticks() { awk '{print $14 + $15}' "$1"; }
rss_mb() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
launch() {
    "$ROOT/bin/freshguard" -Dquarkus.http.port="$PORT" -Dquarkus.management.port=$((PORT + 1000)) \
        -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/$DB -Dquarkus.datasource.username=postgres \
        -Dfreshguard.audit.token=bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e -Dfreshguard.audit.chain-key=bench-chain-key \
        -Dfreshguard.webhooks.generic.secret=bench-secret -Dfreshguard.cloudfront.endpoint=http://127.0.0.1:9 \
        -Dfreshguard.sites.idle.distribution-id=EIDLEDIST -Dfreshguard.sites.idle.paths=/embed.js \
        -Dfreshguard.sites.idle.assets.embed.url=http://127.0.0.1:$ASSET_PORT/embed.js \
        -Dfreshguard.sites.idle.assets.embed.marker='release=(?<release>[\w.-]+)' \
        -Dquarkus.log.level=WARN > "$OUT.log" 2>&1 &
    pid=$!
    started=$(date +%s%N)
    until curl -fs -o /dev/null http://127.0.0.1:$((PORT + 1000))/q/health/live; do
        kill -0 $pid 2> /dev/null || { echo "the service exited; see $OUT.log" >&2; exit 1; }
        sleep 0.01
    done
    ready=$(( ($(date +%s%N) - started) / 1000000 ))
}
stop() { kill $pid; wait $pid 2> /dev/null || true; }

fresh_database "$DB"
launch; stop # migrates the schema: a restart or a scale-up finds it migrated
if [ "$MODE" = startup ]; then
    for run in $(seq 1 "$COUNT"); do
        launch
        sleep 10
        echo "run $run: first answer $ready ms, RSS $(rss_mb $pid) MB, $(awk '/Threads/ {print $2}' "/proc/$pid/status") threads"
        stop
    done
    exit 0
fi
launch
sleep "${SETTLE:-180}"
declare -A before after
for task in /proc/$pid/task/*; do before[$task]=$(cpu_ticks "$task/stat"); done
t0=$(xacts); c0=$(cpu_ticks /proc/$pid/stat)
sleep "$COUNT"
t1=$(xacts); c1=$(cpu_ticks /proc/$pid/stat)
for task in /proc/$pid/task/*; do after[$task]=$(cpu_ticks "$task/stat"); done
hz=$(getconf CLK_TCK)
awk -v tx=$((t1 - t0 - 1)) -v cpu=$((c1 - c0)) -v hz="$hz" -v s="$COUNT" -v rss="$(rss_mb $pid)" \
    'BEGIN { printf "idle %d s: %.2f s CPU (%.2f %% of a core), %.1f transactions/min, RSS %d MB\n", s, cpu / hz, 100 * cpu / hz / s, tx * 60 / s, rss }'
live=0
for task in "${!after[@]}"; do
    used=$(( after[$task] - ${before[$task]:-0} ))
    live=$((live + used))
    if [ "$used" -gt 0 ]; then echo "  $(cat "$task/comm" 2> /dev/null): $used ticks"; fi
done > "$OUT-threads.txt"
sort -t: -k2 -rn "$OUT-threads.txt"
# the process total also counts threads that ended within the window (pool threads past their keep-alive) and threads
# whose wakes are too short to be charged a tick of their own (the JVM's performance-data sampler, when it runs)
echo "  not attributed to a live thread: $((c1 - c0 - live)) ticks ($hz ticks a second)"
stop
