package io.freshguard.service.probe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.FakeCdn;
import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two replicas probing from two vantage points: each is pinned to its own CDN edge (127.0.0.2 and 127.0.0.3, same
 * port, the host name resolved by {@code freshguard.probe.resolve}), and one edge that keeps the old build keeps
 * the asset STALE for everyone, named in health data and in the audit API.
 */
class EveryEdgeIT {

    static final String DATABASE = "freshguard_edges_it";
    static final String HOST = "embed.edges.invalid";
    static final String PATH = "/edge/app.js";

    static ServiceProcess replica(String name, int cloudfrontPort, int cdnPort, String edgeAddress) {
        Map<String, String> config = new HashMap<>(Map.of(
                "freshguard.purge.coalesce-window", "PT0.2S",
                "freshguard.purge.poll-interval", "PT0.2S",
                "freshguard.purge.canary-interval", "PT1H",
                "freshguard.probe.interval", "PT1S",
                "freshguard.probe.mode", "every-replica",
                "freshguard.probe.resolve", HOST + ":" + edgeAddress));
        config.put("freshguard.sites.edge.distribution-id", "EEDGEDIST");
        config.put("freshguard.sites.edge.paths", PATH);
        config.put("freshguard.sites.edge.sources", "generic:edge");
        config.put("freshguard.sites.edge.grace", "PT0S");
        config.put("freshguard.sites.edge.assets.app.url", "http://" + HOST + ":" + cdnPort + PATH);
        config.put("freshguard.sites.edge.assets.app.marker", "release=(?<release>[\\w.-]+)");
        return new ServiceProcess(name, DATABASE, cloudfrontPort, config);
    }

    @Test
    void anAssetIsFreshOnlyWhenEveryEdgeSeenLatelyServesTheBuild() throws Exception {
        FakeCdn first = FakeCdn.edge("127.0.0.2", 0, "EDGE2-C1");
        first.start();
        FakeCdn second = FakeCdn.edge("127.0.0.3", first.cdnPort(), "EDGE3-C1");
        second.start();
        FakeCloudFront cloudfront = new FakeCloudFront();
        int cloudfrontPort = cloudfront.start();
        cloudfront.onCompleted(path -> {
            first.purge(path);
            second.purge(path);
        });
        for (FakeCdn edge : List.of(first, second)) {
            edge.publish(PATH, "/* app release=e0 */\n");
        }
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess a = replica("edges-a", cloudfrontPort, first.cdnPort(), "127.0.0.2").start();
                ServiceProcess b = replica("edges-b", cloudfrontPort, first.cdnPort(), "127.0.0.3").start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> edges().size() == 2);
            assertEquals(Map.of("EDGE2-C1", "FRESH", "EDGE3-C1", "FRESH"), edges());

            // the second edge keeps refilling from an old dyno; the first gets the new build
            second.pin(PATH, "/* app release=e0 */\n");
            for (FakeCdn edge : List.of(first, second)) {
                edge.publish(PATH, "/* app release=e1 */\n");
            }
            long deploy = GenericWebhooks.deployTo(a.url(""), "edge", "e1");
            // once CloudFront has completed, the first edge serves e1 and the second still e0, for this deploy
            // a pass after completion that sees the old build at one edge makes the chain STALE at once
            await().atMost(Duration.ofSeconds(30)).until(() -> List.of("INVALIDATED", "STALE", "HEAL_EXHAUSTED").contains(status(deploy)));
            await().atMost(Duration.ofSeconds(30)).until(() -> Map.of("EDGE2-C1", "FRESH", "EDGE3-C1", "STALE").equals(edges(deploy))
                    && "STALE".equals(state().get("state")) && String.valueOf(state().get("diagnosis")).contains("edge EDGE3-C1"));
            Map<String, Object> state = state();
            assertEquals("EDGE2-C1=FRESH, EDGE3-C1=STALE", state.get("edges"));
            assertTrue(String.valueOf(state.get("diagnosis")).endsWith("; edges: EDGE2-C1=FRESH, EDGE3-C1=STALE"),
                    String.valueOf(state.get("diagnosis")));
            assertTrue(!"FRESH".equals(status(deploy)), "one edge still serves the old build");
            for (ServiceProcess replica : List.of(a, b)) {
                given().get(replica.managementUrl("/q/health/ready")).then().statusCode(503)
                        .body("checks.find { it.name == 'asset-freshness' }.data.'edge/app'", containsString("EDGE3-C1=STALE"));
            }
            given().auth().oauth2(ServiceProcess.AUDIT_TOKEN).get(b.url("/audit/assets/edge/app/edges")).then().statusCode(200)
                    .body("items.size()", equalTo(2))
                    .body("items.find { it.edge == 'EDGE3-C1' }.state", equalTo("STALE"))
                    .body("items.find { it.edge == 'EDGE3-C1' }.observedRelease", equalTo("e0"))
                    .body("items.find { it.edge == 'EDGE2-C1' }.observedRelease", equalTo("e1"));

            second.unpin(PATH);
            second.purge(PATH);
            await().atMost(Duration.ofSeconds(30)).until(() -> "FRESH".equals(status(deploy)));
            assertEquals("FRESH", state().get("state"));
            assertEquals(Map.of("EDGE2-C1", "FRESH", "EDGE3-C1", "FRESH"), edges(deploy));
        } finally {
            cloudfront.stop();
            first.stop();
            second.stop();
        }
    }

    /** Each edge's verdict as last recorded, by edge name. */
    private static Map<String, String> edges() {
        return edges("select edge, state from asset_edge where site = 'edge' and asset = 'app'");
    }

    /** Each edge's verdict as last recorded against this deploy. */
    private static Map<String, String> edges(long deploy) {
        return edges("select edge, state from asset_edge where site = 'edge' and asset = 'app' and deploy_id = " + deploy);
    }

    private static Map<String, String> edges(String sql) {
        Map<String, String> edges = new HashMap<>();
        TestDatabase.queryIn(DATABASE, sql).forEach(row -> edges.put((String) row.get("edge"), (String) row.get("state")));
        return edges;
    }

    private static Map<String, Object> state() {
        List<Map<String, Object>> rows = TestDatabase.queryIn(DATABASE,
                "select state, diagnosis, edges from asset_state where site = 'edge' and asset = 'app'");
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private static String status(long deploy) {
        return (String) TestDatabase.queryIn(DATABASE, "select status from deploy where id = ?", deploy).get(0).get("status");
    }
}
