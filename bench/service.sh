# Sourced by the bench scripts: start/stop the packaged service on a fresh PostgreSQL database, loopback only.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
# BENCH_JAR runs another build (an A/B against a copy of an earlier quarkus-app) with the same script,
# BENCH_JAVA_OPTS adds JVM options (an A/B of JIT settings)
JAR=${BENCH_JAR:-$ROOT/service/target/quarkus-app/quarkus-run.jar}
export AWS_ACCESS_KEY_ID=AKIDFRESHGUARDBENCH AWS_SECRET_ACCESS_KEY=bench-not-a-secret AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_ENDPOINT_URL=http://127.0.0.1:9

build_service() {
    [ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B package -DskipTests)
}

fresh_database() {
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $1" -c "create database $1"
}

# start_service NAME PORT DATABASE [extra -D options...]; logs to bench/results/NAME.log
start_service() {
    local name=$1 port=$2 db=$3
    shift 3
    mkdir -p "$BENCH_DIR/results"
    # shellcheck disable=SC2086
    java -Xmx512m ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1000)) \
        -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/$db" -Dquarkus.datasource.username=postgres \
        -Dfreshguard.audit.token=bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e -Dfreshguard.audit.chain-key=bench-chain-key -Dfreshguard.webhooks.generic.secret=bench-secret \
        -Dquarkus.log.level=WARN "$@" -jar "$JAR" > "$BENCH_DIR/results/$name.log" 2>&1 &
    echo $! > "$BENCH_DIR/results/$name.pid"
    for _ in $(seq 1 60); do
        curl -fs "http://127.0.0.1:$((port + 1000))/q/health/live" > /dev/null && return 0
        sleep 1
    done
    echo "service $name did not start; see bench/results/$name.log" >&2
    return 1
}

stop_service() {
    kill "$(cat "$BENCH_DIR/results/$1.pid")" 2>/dev/null || true
    wait "$(cat "$BENCH_DIR/results/$1.pid")" 2>/dev/null || true
}

# This machine's PostgreSQL runs with autovacuum=off; production does not. Stand in for autovacuum's ANALYZE
# (and VACUUM) so plans follow the growing tables as they would in production: analyze_loop DB &
analyze_loop() {
    while sleep 5; do psql -q -h 127.0.0.1 -U postgres -d "$1" -c "vacuum analyze" 2> /dev/null; done
}

# compile_bench FAKE.java... -- BENCH.java...: the test suite's fakes and the bench classes into $BENCH_CLASSES
BENCH_CLASSES=$BENCH_DIR/results/classes
compile_bench() {
    local sources=() fakes=$ROOT/service/src/test/java/io/freshguard/service/fakes
    while [ "$1" != "--" ]; do sources+=("$fakes/$1"); shift; done
    shift
    for bench in "$@"; do sources+=("$BENCH_DIR/$bench"); done
    mkdir -p "$BENCH_CLASSES"
    javac -d "$BENCH_CLASSES" "${sources[@]}" "$BENCH_DIR/BenchClient.java"
}
