#!/usr/bin/env bash
# Audit queries over a year of history (1M deploys, 10M log entries): chain lookup latency, the year's incident
# report, and EXPLAIN ANALYZE of the main queries. Usage: bash bench/audit.sh [--keep] (reuses a filled database)
source "$(dirname "$0")/service.sh"
DB=freshguard_bench_audit
build_service
if [ "${1:-}" != "--keep" ]; then
    fresh_database $DB
    start_service audit 18095 $DB -Dfreshguard.purge.dry-run=true
    stop_service audit
    psql -q -h 127.0.0.1 -U postgres -d $DB -f "$BENCH_DIR/audit-fill.sql"
fi
start_service audit 18095 $DB -Dfreshguard.purge.dry-run=true
trap 'stop_service audit' EXIT
AUTH='Authorization: Bearer bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e'
echo "== chain lookup GET /audit/deploys/{random id}: warm-up, then 3 runs of 15 s with 1 connection, 3 with 4"
wrk -t1 -c4 -d10s -s "$BENCH_DIR/audit.lua" http://127.0.0.1:18095 > /dev/null
for c in 1 4; do
    for i in 1 2 3; do
        echo "-- $c connection(s)"
        wrk -t1 -c$c -d15s --latency -s "$BENCH_DIR/audit.lua" http://127.0.0.1:18095 | grep -E "Requests/sec|^ +(50|90|99)%"
    done
done
echo "== a year's incident report (50,000 windows), first page of 1000 and the whole report paged, 5 runs each"
year='since=2025-11-25T00:00:00Z&until=2026-11-25T00:00:00Z'
for i in 1 2 3 4 5; do
    curl -s -o /dev/null -H "$AUTH" -w "first page (1000, JSON): %{time_total} s\n" "http://127.0.0.1:18095/audit/incidents?$year&limit=1000"
done
for i in 1 2 3; do
    start=$(date +%s.%N); after=""; pages=0
    while :; do
        next=$(curl -s -D - -o /dev/null -H "$AUTH" -H 'Accept: text/csv' \
            "http://127.0.0.1:18095/audit/incidents?$year&limit=1000${after:+&after=$after}" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-next-cursor"{print $2}')
        pages=$((pages + 1))
        [ -z "$next" ] && break
        after=$next
    done
    echo "whole report as CSV: $pages pages in $(echo "$(date +%s.%N) - $start" | bc) s"
done
echo "== deploys of one site in one month, first page"
for i in 1 2 3; do
    curl -s -o /dev/null -H "$AUTH" -w "%{time_total} s\n" "http://127.0.0.1:18095/audit/deploys?site=site7&since=2026-03-01T00:00:00Z&until=2026-04-01T00:00:00Z&limit=100"
done
echo "== EXPLAIN ANALYZE"
psql -h 127.0.0.1 -U postgres -d $DB <<'SQL'
explain analyze select * from deploy where id = 543210;
explain analyze select * from audit_log where deploy_id in (543210, 543210) order by id;
explain analyze select * from invalidation_batch where deploy_id = 543210 order by id;
explain analyze select * from stale_incident where deploy_id = 543220 order by started_at, id;
explain analyze select * from stale_incident where (ended_at is null or ended_at >= '2025-11-25T00:00:00Z')
  and started_at < '2026-11-25T00:00:00Z' order by started_at desc, id desc limit 1001;
explain analyze select * from deploy where site = 'site7' and received_at >= '2026-03-01' and received_at < '2026-04-01'
  order by received_at desc, id desc limit 101;
explain analyze select * from audit_log where seq > 5000000 order by seq limit 501;
SQL
