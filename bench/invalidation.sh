#!/usr/bin/env bash
# Deploy -> CreateInvalidation latency and invalidations per 200-deploy burst. Usage: bash bench/invalidation.sh [window] [singles]
source "$(dirname "$0")/service.sh"
WINDOW=${1:-PT2S}
SINGLES=${2:-60}
build_service
fresh_database freshguard_bench_inv
CLASSES=$BENCH_DIR/results/classes
mkdir -p "$CLASSES"
javac -d "$CLASSES" "$ROOT/service/src/test/java/io/freshguard/service/fakes/FakeCloudFront.java" "$BENCH_DIR/InvalidationBench.java"
cd "$ROOT" && java -cp "$CLASSES" InvalidationBench "$JAR" freshguard_bench_inv "$WINDOW" "$SINGLES"
