package io.freshguard.service.probe;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.AdjustableClock;
import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.Management;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FreshnessProbeTest {

    static final DateTimeFormatter RUBY_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    AdjustableClock clock;

    @AfterEach
    void restore() {
        clock.reset();
        CLOUDFRONT.reset();
        CDN.heal("/flaky/lib.js");
    }

    static Map<String, Object> state(String site, String asset) {
        var rows = TestDatabase.query("select * from asset_state where site = ? and asset = ?", site, asset);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    static void awaitState(String site, String asset, String expected) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> expected.equals(state(site, asset).get("state")));
    }

    @Test
    void everyAssetsVerdictIsAGaugeFromTheStore() {
        awaitState("shop", "embed", "FRESH");
        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("freshguard_assets{asset=\"embed\",site=\"shop\",verdict=\"FRESH\"} 1.0"), metrics);
        assertTrue(metrics.contains("freshguard_assets{asset=\"embed\",site=\"shop\",verdict=\"STALE\"} 0.0"), metrics);
        assertTrue(metrics.contains("freshguard_assets{asset=\"embed\",site=\"shop\",verdict=\"UNREACHABLE\"} 0.0"), metrics);
        assertTrue(metrics.contains("freshguard_invalidation_queue_depth "), metrics);
        assertTrue(metrics.contains("freshguard_audit_unsealed_entries "), metrics);
    }

    @Test
    void aVerdictNotRenewedForThreeIntervalsIsAStalledProbe() {
        awaitState("shop", "embed", "FRESH");
        // another replica holds the probe lease and never renews a verdict: a hung leader
        TestDatabase.update("update probe_lease set owner = 'hung-replica', lease_until = ?",
                Timestamp.from(clock.instant().plus(Duration.ofHours(1))));
        try {
            // one observation: the group is DOWN (503) and says why (a cycle that began before the lease changed
            // hands may still land its verdicts first)
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                var response = given().get(Management.url("/q/health/group/freshness"));
                return response.statusCode() == 503 && response.asString().contains("probe stalled since");
            });
            double lastSuccess = Double.parseDouble(given().get(Management.url("/q/metrics")).then().extract().asString().lines()
                    .filter(l -> l.startsWith("freshguard_probe_last_success_timestamp_seconds")).findFirst().orElseThrow()
                    .replaceAll(".* ", ""));
            assertTrue(lastSuccess > 0 && lastSuccess < clock.instant().getEpochSecond() - 2, "last success " + lastSuccess);
        } finally {
            TestDatabase.update("update probe_lease set owner = null, lease_until = null");
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                !String.valueOf(Chains.healthGroup("freshness")).contains("probe stalled since"));
    }

    @Test
    void staleCdnIsPendingThenStaleAfterGraceThenFreshRightAfterTheInvalidationCompletes() {
        awaitState("shop", "embed", "FRESH");
        CLOUDFRONT.holdInProgress(true);
        CDN.publish("/shop/embed.js", "console.log(\"embed.js built on " + RUBY_UTC.format(Instant.now()) + " in production\");\n");
        long deploy = GenericWebhooks.deployNow("shop", "shop-" + System.nanoTime());

        awaitState("shop", "embed", "PENDING");
        assertEquals(deploy, ((Number) state("shop", "embed").get("deploy_id")).longValue());
        Chains.awaitStatus(deploy, "REQUESTED");

        clock.advance(Duration.ofMinutes(16));
        awaitState("shop", "embed", "STALE");
        String diagnosis = (String) state("shop", "embed").get("diagnosis");
        assertTrue(diagnosis.contains("CDN stale, origin is current: invalidation still in progress"), diagnosis);
        given().get(Management.url("/q/health/ready")).then().statusCode(503)
                .body("checks.find { it.name == 'asset-freshness' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'asset-freshness' }.data.'shop/embed'", containsString("STALE"));

        CLOUDFRONT.holdInProgress(false);
        CLOUDFRONT.completeAll();
        awaitState("shop", "embed", "FRESH");
        Chains.awaitStatus(deploy, "FRESH");

        // in-flight probing may see the edge fresh before the poller hears Completed; both moments end up recorded
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> TestDatabase.query(
                "select invalidated_at from deploy where id = ?", deploy).get(0).get("invalidated_at") != null);
        Map<String, Object> chain = TestDatabase.query("select invalidated_at, fresh_at from deploy where id = ?", deploy).get(0);
        Instant invalidated = ((Timestamp) chain.get("invalidated_at")).toInstant();
        Instant fresh = ((Timestamp) chain.get("fresh_at")).toInstant();
        assertTrue(Duration.between(invalidated, fresh).compareTo(Duration.ofSeconds(1)) < 0,
                "fresh " + Duration.between(invalidated, fresh).toMillis() + " ms after the invalidation completed");
        Map<String, Object> incident = TestDatabase.query(
                "select * from stale_incident where deploy_id = ? and asset = 'embed' order by id", deploy).get(0);
        assertEquals(false, incident.get("origin_old"));
        assertTrue(incident.get("ended_at") != null);
        assertTrue(((String) incident.get("cause")).contains("invalidation still in progress"));
        given().get(Management.url("/q/metrics")).then().body(containsString("freshguard_deploy_to_fresh_seconds_count"));
    }

    @Test
    void anOriginThatNeverGotTheBuildIsDiagnosedAsSuch() {
        awaitState("tagged", "widget", "FRESH");
        long deploy = GenericWebhooks.deployNow("tagged", "v2");
        // once the invalidation completed, a pass that still sees the old build makes the chain STALE (healing waits
        // for the origin)
        Chains.awaitAnyStatus(deploy, "INVALIDATED", "STALE");
        clock.advance(Duration.ofMinutes(16));
        awaitState("tagged", "widget", "STALE");
        assertTrue(((String) state("tagged", "widget").get("diagnosis")).contains("origin itself serves the old build"));
        Map<String, Object> incident = TestDatabase.query(
                "select * from stale_incident where deploy_id = ? order by id", deploy).get(0);
        assertEquals(true, incident.get("origin_old"));

        CDN.publish("/tagged/widget.js", "/* widget release=v2 */\n");
        CDN.purge("/tagged/*");
        awaitState("tagged", "widget", "FRESH");
        Chains.awaitStatus(deploy, "FRESH");
    }

    @Test
    void notFoundAndTimeoutsAreUnreachable() {
        CDN.answer("/flaky/lib.js", 404);
        awaitState("flaky", "lib", "UNREACHABLE");
        assertEquals(404, state("flaky", "lib").get("http_status"));
        given().get(Management.url("/q/health/group/freshness")).then().statusCode(503)
                .body("checks", hasSize(1))
                .body("checks[0].name", equalTo("asset-freshness"))
                .body("checks[0].data.'flaky/lib'", containsString("UNREACHABLE"));

        CDN.heal("/flaky/lib.js");
        awaitState("flaky", "lib", "FRESH");
        CDN.hang("/flaky/lib.js", Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(15)).until(() -> String.valueOf(state("flaky", "lib").get("diagnosis")).contains("timed out"));
        assertEquals("UNREACHABLE", state("flaky", "lib").get("state"));
    }

    @Test
    void observationsAreRunsNotOneRowPerFetch() {
        await().atMost(Duration.ofSeconds(15)).until(() -> TestDatabase.count(
                "select coalesce(max(observations), 0) from asset_observation where site = 'flaky' and asset = 'lib'") >= 3);
        long rows = TestDatabase.count("select count(*) from asset_observation where site = 'flaky'");
        long fetches = TestDatabase.count("select sum(observations) from asset_observation where site = 'flaky'");
        assertTrue(rows < fetches, rows + " rows for " + fetches + " fetches");
        Instant checked = ((Timestamp) state("flaky", "lib").get("checked_at")).toInstant();
        assertTrue(checked.isAfter(Instant.now().minus(1, ChronoUnit.MINUTES)));
    }
}
