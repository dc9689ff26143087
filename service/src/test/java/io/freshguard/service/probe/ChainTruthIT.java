package io.freshguard.service.probe;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.FakeCdn;
import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.support.CdnSite;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, in the orders of events that used to leave a chain wrong: the CDN already serving the new
 * build before the webhook is even planned (FRESH from RECEIVED, the invalidation still sent), the README's generic
 * body sent again for a rollback (a new deploy and a new invalidation), and an edge refilling the old copy after the
 * chain was FRESH (reopened, healed, FRESH again).
 */
class ChainTruthIT {

    static final String DATABASE = "freshguard_truth_it";
    static final String PATH = "/truth/app.js";

    @Test
    void theChainFollowsWhatCustomersGetInEveryOrder() throws Exception {
        try (CdnSite site = CdnSite.start("truth", PATH, "t0")) {
            Map<String, String> config = site.config("ETRUTHDIST");
            // long enough for a probe to judge the deploy while it is still RECEIVED
            config.put("freshguard.purge.coalesce-window", "PT4S");
            config.put("freshguard.purge.heal-backoff", "PT0.5S");
            config.put("freshguard.sites.truth.grace", "PT10M");
            config.put("freshguard.sites.truth.assets.app.origin-url", site.cdn.originUrl(PATH));
            everyOrder(site, config);
        }
    }

    private static void everyOrder(CdnSite site, Map<String, String> config) throws Exception {
        FakeCdn cdn = site.cdn;
        FakeCloudFront cloudfront = site.cloudfront;
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = new ServiceProcess("truth", DATABASE, site.cloudfrontPort(), config).start()) {
            // 1. the edge's copy expired and it already serves t1 when the webhook arrives
            byte[] readmeBody = body("t1");
            cdn.publish(PATH, "/* app release=t1 */\n");
            cdn.purge(PATH);
            cloudfront.holdInProgress(true);
            long first = post(service, readmeBody).then().statusCode(202).extract().jsonPath().getLong("deploy");
            await().atMost(Duration.ofSeconds(20)).until(() -> "FRESH".equals(status(first)));
            List<String> kinds = kinds(first);
            assertTrue(kinds.indexOf("FRESH") < kinds.indexOf("BATCH_PLANNED") || !kinds.contains("BATCH_PLANNED"),
                    "FRESH while RECEIVED, before anything was planned: " + kinds);
            gate(service, first).statusCode(200).body("status", equalTo("FRESH"));
            // the explicit rule: the invalidation still goes out (edges the probe does not reach may hold t0)
            await().atMost(Duration.ofSeconds(20)).until(() -> !cloudfront.createsFor("ETRUTHDIST").isEmpty());
            cloudfront.holdInProgress(false);
            cloudfront.completeAll();
            await().atMost(Duration.ofSeconds(20)).until(() -> kinds(first).contains("INVALIDATED"));
            assertEquals("FRESH", status(first), "CloudFront's Completed is recorded on the chain, which stays FRESH");

            // 2. t2, then the README's body for t1 again, byte for byte: a rollback, not a duplicate
            long second = GenericWebhooks.deployTo(service.url(""), "truth", "t2");
            cdn.publish(PATH, "/* app release=t2 */\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> "FRESH".equals(status(second)));
            cdn.publish(PATH, "/* app release=t1 */\n");
            int createsBefore = cloudfront.createsFor("ETRUTHDIST").size();
            long rollback = post(service, readmeBody).then().statusCode(202)
                    .body("status", equalTo("accepted")).extract().jsonPath().getLong("deploy");
            assertNotEquals(first, rollback);
            await().atMost(Duration.ofSeconds(30)).until(() -> "FRESH".equals(status(rollback)));
            assertTrue(cloudfront.createsFor("ETRUTHDIST").size() > createsBefore, "the rollback has its own invalidation");
            // and a redelivery of that same body now is the rollback deploy again
            post(service, readmeBody).then().statusCode(200).body("status", equalTo("duplicate"))
                    .body("deploy", equalTo((int) rollback));

            // 3. after FRESH, an edge refills the gzip copy from an old dyno: reopened, healed, FRESH again
            cdn.nextFill(PATH, "gzip", "/* app release=t2 */\n");
            cdn.purge(PATH);
            await().atMost(Duration.ofSeconds(30)).until(() -> kinds(rollback).contains("STALE"));
            await().atMost(Duration.ofSeconds(30)).until(() -> "FRESH".equals(status(rollback))
                    && kinds(rollback).contains("HEAL_COMPLETED"));
            List<String> after = kinds(rollback);
            assertTrue(after.lastIndexOf("STALE") < after.indexOf("HEAL_REQUESTED")
                    && after.indexOf("HEAL_REQUESTED") < after.lastIndexOf("FRESH"), after.toString());
            gate(service, rollback).statusCode(200);
        }
    }

    /** The README's generic body: no time, so sending it again later is deploying it again. */
    private static byte[] body(String release) {
        return ("{\"site\":\"truth\",\"release\":\"" + release + "\",\"commit\":\"" + release + "c0ffee\",\"actor\":\"me@example.com\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Response post(ServiceProcess service, byte[] body) {
        return GenericWebhooks.post(service.url("/webhooks/generic"), body,
                Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body));
    }

    private static ValidatableResponse gate(ServiceProcess service, long deploy) {
        return given().auth().oauth2(ServiceProcess.AUDIT_TOKEN).queryParam("timeout", "PT20S")
                .get(service.url("/audit/deploys/" + deploy + "/wait")).then();
    }

    private static String status(long deploy) {
        return (String) TestDatabase.queryIn(DATABASE, "select status from deploy where id = ?", deploy).get(0).get("status");
    }

    private static List<String> kinds(long deploy) {
        return TestDatabase.queryIn(DATABASE, "select kind from audit_log where deploy_id = ? order by id", deploy).stream()
                .map(row -> (String) row.get("kind")).toList();
    }
}
