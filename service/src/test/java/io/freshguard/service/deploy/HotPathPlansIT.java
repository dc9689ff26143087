package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The queries the probe, the invalidation worker and the notifier run on every pass, planned by PostgreSQL against a
 * schema with years of history (half a million observation runs, two hundred thousand incidents, a hundred thousand
 * deploys, one every 15 minutes, and their batches, fifty thousand notices), analyzed as a bench does: none scans a
 * table that grows with history.
 */
class HotPathPlansIT {

    static final String DATABASE = "freshguard_plans_it";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Each hot query as the repositories issue it (Hibernate's SQL for the HQL ones), with literals for parameters. */
    static final Map<String, String> HOT = Map.of(
            "open incidents (probe)", "select * from stale_incident where ended_at is null order by id",
            "current observation runs (probe)", "select o.* from asset_state s join asset_observation o on o.id ="
                    + " (select max(x.id) from asset_observation x where x.site = s.site and x.asset = s.asset)",
            "next due batch (worker)", "select * from invalidation_batch where status in ('QUEUED','RETRYING','BLOCKED','IN_PROGRESS')"
                    + " and next_attempt_at <= now() and (lease_until is null or lease_until < now()) order by next_attempt_at, id"
                    + " limit 1 for update skip locked",
            "unplanned deploys (worker)", "select * from deploy d where (d.status = 'RECEIVED' or d.status = 'FRESH'"
                    + " and d.received_at >= now() - interval '1 day') and d.site is not null"
                    + " and d.coalesced_into is null and not exists (select 1 from invalidation_batch b where b.deploy_id = d.id)"
                    + " order by d.received_at, d.id limit 50 for update skip locked",
            "site's newest deploys (probe, intake)", "select * from deploy where site = 'site7' and status <> 'IGNORED'"
                    + " order by live_at desc, id desc limit 2",
            "STALE chains (notifier)", "select * from deploy where status = 'STALE' order by id",
            "notice heads (notifier)", "select min(id) from notice_delivery where status = 'PENDING' group by site, channel",
            "a chain's batches (probe, worker)", "select * from invalidation_batch where deploy_id = 4242 order by id");

    @Test
    void noHotQueryScansATableThatGrowsWithHistory() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        Flyway.configure().dataSource(TestPostgres.url(DATABASE), TestPostgres.USER, "").locations("classpath:db/migration").load()
                .migrate();
        try (Connection db = TestPostgres.connect(DATABASE); Statement sql = db.createStatement()) {
            fill(sql);
            List<String> scans = new ArrayList<>();
            for (Map.Entry<String, String> query : HOT.entrySet()) {
                try (ResultSet plan = sql.executeQuery("explain (format json) " + query.getValue())) {
                    plan.next();
                    collectScans(JSON.readTree(plan.getString(1)).get(0).get("Plan"), query.getKey(), scans);
                }
            }
            assertTrue(scans.isEmpty(), "sequential scans of large tables: " + scans);
        }
    }

    private static void fill(Statement sql) throws Exception {
        sql.execute("insert into asset_state (site, asset, state, since, checked_at) select 'site' || (g % 10), 'asset' || g, 'FRESH',"
                + " now(), now() from generate_series(1, 50) g");
        sql.execute("insert into asset_observation (site, asset, state, first_seen, last_seen, observations) select 'site' || (g % 50 % 10),"
                + " 'asset' || (g % 50 + 1), 'FRESH', now() - g * interval '1 second', now() - g * interval '1 second', 1"
                + " from generate_series(1, 500000) g");
        sql.execute("insert into stale_incident (site, asset, state, started_at, ended_at) select 'site' || (g % 10), 'asset' || (g % 50),"
                + " 'STALE', now() - g * interval '1 minute', case when g % 10000 = 0 then null else now() end from generate_series(1, 200000) g");
        sql.execute("insert into deploy (site, source_kind, source_key, delivery_id, dedup_key, received_at, live_at, status,"
                + " status_changed_at, payload_sha256) select 'site' || (g % 10), 'GENERIC', 'site' || (g % 10), 'd' || g, 'r' || g,"
                + " now() - g * interval '15 minutes', now() - g * interval '15 minutes', case when g % 5000 = 0 then 'STALE' else 'FRESH' end,"
                + " now(), md5(g::text) from generate_series(1, 100000) g");
        sql.execute("insert into invalidation_batch (deploy_id, target, caller_reference, paths, file_paths, wildcard_paths,"
                + " status, next_attempt_at, created_at) select g, 'cloudfront:EDIST' || (g % 10), 'ref' || g, '/embed.js', 1, 0,"
                + " case when g % 20000 = 0 then 'QUEUED' else 'COMPLETED' end, now(), now() from generate_series(1, 100000) g");
        sql.execute("insert into notice_delivery (message_id, channel, site, subject, event, body, status, next_attempt_at, created_at)"
                + " select 'm' || g, 'SLACK', 'site' || (g % 10), 'deploy/' || g, 'chain.blocked', '{}',"
                + " case when g % 10000 = 0 then 'PENDING' else 'DELIVERED' end, now(), now() from generate_series(1, 50000) g");
        sql.execute("analyze");
    }

    /** Every sequential scan in the plan of a table holding more than a few thousand rows. */
    private static void collectScans(JsonNode node, String query, List<String> scans) {
        if ("Seq Scan".equals(node.path("Node Type").asText()) && node.path("Plan Rows").asDouble() > 0
                && !List.of("asset_state").contains(node.path("Relation Name").asText())) {
            scans.add(query + ": " + node.path("Relation Name").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            collectScans(child, query, scans);
        }
    }
}
