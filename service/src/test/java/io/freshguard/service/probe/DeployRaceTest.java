package io.freshguard.service.probe;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.Management;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What customers' browsers get, and the classic Heroku race: the webhook arrives while old dynos still serve the old
 * build, the invalidation completes, the CDN re-caches the old build, then the origin flips.
 */
@QuarkusTest
class DeployRaceTest {

    static long heals(long deploy) {
        return TestDatabase.count("select count(*) from invalidation_batch where deploy_id = ? and purpose = 'HEAL'", deploy);
    }

    @Test
    void aBrotliCopyRefilledFromAnOldDynoIsSeenAndHealedWithoutANewWebhook() {
        String path = "/race/app.js";
        CDN.publish(path, "/* race release=r1 */\n");
        long first = GenericWebhooks.deployNow("race", "r1");
        Chains.awaitStatus(first, "FRESH");

        String release = "r2-" + System.nanoTime();
        CDN.publish(path, "/* race release=" + release + " */\n");
        // after the purge, the first browser asking for br is answered by an old dyno; the others by new ones
        CDN.nextFill(path, "br", "/* race release=r1 */\n");
        long deploy = GenericWebhooks.deployNow("race", release);
        Chains.awaitStatus(deploy, "FRESH");

        // it was seen: the br copy was behind while gzip and identity served the new build
        List<Map<String, Object>> seen = TestDatabase.query("select state, diagnosis from asset_observation"
                + " where site = 'race' and asset = 'app' and deploy_id = ? and state = 'STALE'", deploy);
        assertTrue(!seen.isEmpty() && String.valueOf(seen.get(0).get("diagnosis")).contains("the br copy"), seen.toString());
        assertTrue(String.valueOf(seen.get(0).get("diagnosis")).contains("br=STALE, gzip=FRESH, identity=FRESH"), seen.toString());
        // and healed by exactly one follow-up invalidation, recorded in the chain
        assertEquals(1, heals(deploy));
        // the edge may serve the build a moment before Freshguard hears CloudFront say Completed: both are recorded
        await().atMost(Duration.ofSeconds(10)).until(() -> Chains.auditEntries(deploy).stream()
                .anyMatch(e -> "HEAL_COMPLETED".equals(e.get("kind"))));
        List<String> kinds = Chains.auditEntries(deploy).stream().map(e -> (String) e.get("kind")).toList();
        assertTrue(kinds.containsAll(List.of("INVALIDATED", "HEAL_REQUESTED", "HEAL_COMPLETED", "FRESH")), kinds.toString());
        assertTrue(kinds.indexOf("INVALIDATED") < kinds.indexOf("HEAL_REQUESTED")
                && kinds.indexOf("HEAL_REQUESTED") < kinds.lastIndexOf("FRESH"), kinds.toString());
        // the stale window is not hidden: it is an incident with its cause and the heal that ended it
        JsonPath incidents = given().header("Authorization", "Bearer test-audit-token").queryParam("site", "race")
                .get("/audit/incidents").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> windows = incidents.getList("items.findAll { it.deployId == " + deploy + " }");
        Map<String, Object> healed = windows.stream().filter(w -> w.get("endedByHeal") != null).findFirst().orElseThrow(
                () -> new AssertionError(windows.toString()));
        // the cause is the one diagnosed when the window opened (before or after the invalidation, by timing)
        assertTrue(String.valueOf(healed.get("cause")).contains("CDN stale, origin is current"), healed.toString());
        assertNotNull(healed.get("endedAt"));
        given().get(Management.url("/q/metrics")).then().body(containsString("freshguard_heals_total{outcome=\"completed\"}"));
    }

    @Test
    void withoutAnOriginItHealsAStaleAssetAtMostHealAttemptsTimesThenSaysSo() {
        String path = "/stuck/app.js";
        String release = "s2-" + System.nanoTime();
        CDN.publish(path, "/* stuck release=" + release + " */\n");
        CDN.pin(path, "/* stuck release=s1 */\n");
        try {
            long deploy = GenericWebhooks.deployNow("stuck", release);
            Chains.awaitAnyStatus(deploy, "INVALIDATED", "STALE");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> TestDatabase.count(
                    "select count(*) from audit_log where deploy_id = ? and kind = 'HEAL_EXHAUSTED'", deploy) == 1);
            assertEquals(3, heals(deploy));
            assertEquals(3, TestDatabase.count("select count(*) from invalidation_batch where deploy_id = ? and purpose = 'HEAL'"
                    + " and status = 'COMPLETED'", deploy));
            // nothing more is sent, and the chain says so: a human must look
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            assertEquals(3, heals(deploy));
            assertEquals("HEAL_EXHAUSTED", TestDatabase.query("select status from deploy where id = ?", deploy).get(0).get("status"));
            assertEquals(1, TestDatabase.count("select count(*) from stale_incident where deploy_id = ? and ended_at is null", deploy));
        } finally {
            CDN.unpin(path);
            CDN.purge(path);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> "FRESH".equals(
                TestDatabase.query("select state from asset_state where site = 'stuck'").get(0).get("state")));
        CLOUDFRONT.completeAll();
    }

    @Test
    void theChainTurnsFreshWhenTheEdgeServesTheBuildBeforeCloudFrontSaysCompleted() {
        String path = "/race/app.js";
        CLOUDFRONT.holdInProgress(true);
        try {
            String release = "r3-" + System.nanoTime();
            CDN.publish(path, "/* race release=" + release + " */\n");
            long deploy = GenericWebhooks.deployNow("race", release);
            Chains.awaitStatus(deploy, "REQUESTED");
            Instant purged = Instant.now();
            // the edge drops the old copies while CloudFront still reports InProgress
            CDN.purge(path);
            Chains.awaitStatus(deploy, "FRESH");
            Map<String, Object> chain = TestDatabase.query("select fresh_at, invalidated_at from deploy where id = ?", deploy).get(0);
            Instant freshAt = ((Timestamp) chain.get("fresh_at")).toInstant();
            assertTrue(chain.get("invalidated_at") == null, "CloudFront has not said Completed yet");
            assertTrue(Duration.between(purged, freshAt).compareTo(Duration.ofSeconds(2)) <= 0,
                    "confirmed " + Duration.between(purged, freshAt).toMillis() + " ms after the edge purge");

            CLOUDFRONT.holdInProgress(false);
            CLOUDFRONT.completeAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.query(
                    "select invalidated_at from deploy where id = ?", deploy).get(0).get("invalidated_at") != null);
            assertEquals("FRESH", TestDatabase.query("select status from deploy where id = ?", deploy).get(0).get("status"));
            List<String> kinds = Chains.auditEntries(deploy).stream().map(e -> (String) e.get("kind")).toList();
            assertTrue(kinds.indexOf("FRESH") < kinds.lastIndexOf("INVALIDATED"), "both moments, in order: " + kinds);
        } finally {
            CLOUDFRONT.holdInProgress(false);
            CLOUDFRONT.completeAll();
        }
    }

    @Test
    void withInvalidateAfterOriginTheFirstInvalidationWaitsUntilTheOriginServesTheBuild() {
        String path = "/gated/app.js";
        String release = "g1-" + System.nanoTime();
        // the origin still serves the old build: the new dynos are not up yet
        long deploy = GenericWebhooks.deployNow("gated", release);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertTrue(Chains.batches(deploy).isEmpty(), "held while the origin serves the old build");
        assertEquals("RECEIVED", TestDatabase.query("select status from deploy where id = ?", deploy).get(0).get("status"));

        CDN.publish(path, "/* gated release=" + release + " */\n");
        Chains.awaitStatus(deploy, "FRESH");
        List<String> kinds = Chains.auditEntries(deploy).stream().map(e -> (String) e.get("kind")).toList();
        assertTrue(kinds.indexOf("ORIGIN_READY") >= 0 && kinds.indexOf("ORIGIN_READY") < kinds.indexOf("REQUESTED"), kinds.toString());
        assertEquals(0, heals(deploy), "the race did not happen, so nothing needed healing");
    }

    @Test
    void anOriginThatNeverServesTheBuildIsWaitedForOnlyOriginWaitThenInvalidatedAnyway() {
        String path = "/gated/app.js";
        String release = "g2-" + System.nanoTime();
        long deploy = GenericWebhooks.deployNow("gated", release);
        try {
            Chains.awaitAnyStatus(deploy, "INVALIDATED", "STALE");
            List<String> kinds = Chains.auditEntries(deploy).stream().map(e -> (String) e.get("kind")).toList();
            assertTrue(kinds.contains("ORIGIN_WAIT_TIMED_OUT") && !kinds.contains("ORIGIN_READY"), kinds.toString());
            Map<String, Object> row = TestDatabase.query("select d.received_at, b.created_at from deploy d join invalidation_batch b"
                    + " on b.deploy_id = d.id where d.id = ?", deploy).get(0);
            Duration held = Duration.between(((Timestamp) row.get("received_at")).toInstant(),
                    ((Timestamp) row.get("created_at")).toInstant());
            assertTrue(held.compareTo(Duration.ofSeconds(4)) >= 0, "held " + held);
        } finally {
            CDN.publish(path, "/* gated release=" + release + " */\n");
            CDN.purge(path);
        }
        Chains.awaitStatus(deploy, "FRESH");
    }
}
