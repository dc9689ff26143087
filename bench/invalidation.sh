#!/usr/bin/env bash
# Deploy -> CreateInvalidation latency and invalidations per 200-deploy burst. Usage: bash bench/invalidation.sh [window] [singles]
source "$(dirname "$0")/service.sh"
WINDOW=${1:-PT2S}
SINGLES=${2:-60}
build_service
fresh_database freshguard_bench_inv
compile_bench FakeCloudFront.java -- InvalidationBench.java
cd "$ROOT" && java -cp "$BENCH_CLASSES" InvalidationBench "$JAR" freshguard_bench_inv "$WINDOW" "$SINGLES"
