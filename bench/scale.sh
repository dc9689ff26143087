#!/usr/bin/env bash
# Two replicas on one PostgreSQL under sustained load: RSS over time, nothing lost, nothing sent twice, coalescing.
# Usage: bash bench/scale.sh [deploys per minute] [minutes]
source "$(dirname "$0")/service.sh"
PER_MINUTE=${1:-1000}
MINUTES=${2:-10}
build_service
fresh_database freshguard_bench_scale
analyze_loop freshguard_bench_scale &
ANALYZE_PID=$!
trap 'kill $ANALYZE_PID' EXIT
compile_bench FakeCloudFront.java -- ScaleBench.java
PG_JAR=$(find "$ROOT/service/target/quarkus-app/lib" -name 'org.postgresql.postgresql-*.jar' | head -1)
cd "$ROOT" && java -cp "$BENCH_CLASSES:$PG_JAR" ScaleBench "$JAR" freshguard_bench_scale "$PER_MINUTE" "$MINUTES"
