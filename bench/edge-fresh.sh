#!/usr/bin/env bash
# Deploy -> confirmed fresh against the edge's purge moment. Usage: bash bench/edge-fresh.sh [in-flight-interval] [rounds]
source "$(dirname "$0")/service.sh"
IN_FLIGHT=${1:-PT2S}
ROUNDS=${2:-12}
build_service
fresh_database freshguard_bench_edge
compile_bench FakeCloudFront.java FakeCdn.java -- EdgeFreshBench.java
cd "$ROOT" && java -cp "$BENCH_CLASSES" EdgeFreshBench "$JAR" freshguard_bench_edge "$IN_FLIGHT" "$ROUNDS"
