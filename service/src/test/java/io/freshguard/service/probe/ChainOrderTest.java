package io.freshguard.service.probe;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.PostgresProxyResource;
import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What customers should get follows deploy order, and the gate answers what a chain settles to. */
@QuarkusTest
class ChainOrderTest {

    static final String PATH = "/tagged/widget.js";

    @AfterEach
    void release() {
        PostgresProxyResource.restore();
        CLOUDFRONT.holdInProgress(false);
        CLOUDFRONT.completeAll();
    }

    static byte[] body(String release, String commit, Instant deployedAt) {
        return ("{\"site\":\"tagged\",\"release\":\"" + release + "\",\"commit\":\"" + commit + "\",\"deployedAt\":\""
                + deployedAt + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLateRedeliveryOfAnEarlierReleaseNeverBecomesWhatCustomersShouldGet() {
        String newer = "n" + System.nanoTime();
        CDN.publish(PATH, "/* widget release=" + newer + " */\n");
        long current = GenericWebhooks.signedPost(body(newer, "feed" + System.nanoTime(), Instant.now())).then().statusCode(202)
                .extract().jsonPath().getLong("deploy");
        Chains.awaitStatus(current, "FRESH");

        // an earlier release, never heard of before, told an hour late
        String older = "o" + System.nanoTime();
        long late = GenericWebhooks.signedPost(body(older, "dead" + System.nanoTime(), Instant.now().minusSeconds(3600)))
                .then().statusCode(202).extract().jsonPath().getLong("deploy");
        Chains.awaitStatus(late, "SUPERSEDED");
        assertTrue(Chains.batches(late).isEmpty(), "nothing is invalidated for a deploy customers are not to get");
        // the probe keeps judging against the newer deploy: still FRESH, no false STALE
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertEquals(current, ((Number) TestDatabase.query("select deploy_id from asset_state where site = 'tagged'")
                .get(0).get("deploy_id")).longValue());
        assertEquals("FRESH", Chains.status(current));
        given().header("Authorization", "Bearer test-audit-token").queryParam("timeout", "PT5S")
                .get("/audit/deploys/" + late + "/wait").then().statusCode(409)
                .body("status", equalTo("SUPERSEDED")).body("reason", containsString("later deploy"));
    }

    @Test
    void aStoreBlipWhileWaitingIsWaitedThroughNotAnsweredWith5xx() {
        CLOUDFRONT.holdInProgress(true);
        String release = "b" + System.nanoTime();
        long deploy = GenericWebhooks.signedPost(body(release, "b10b" + System.nanoTime(), Instant.now())).then().statusCode(202)
                .extract().jsonPath().getLong("deploy");
        Chains.awaitStatus(deploy, "REQUESTED");
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", "Bearer test-audit-token").queryParam("timeout", "PT40S")
                .get("/audit/deploys/" + deploy + "/wait"));
        await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(1)).until(() -> true);
        PostgresProxyResource.cut();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        PostgresProxyResource.restore();
        CDN.publish(PATH, "/* widget release=" + release + " */\n");
        CLOUDFRONT.holdInProgress(false);
        CLOUDFRONT.completeAll();
        Response answer = waiting.join();
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("FRESH", answer.jsonPath().getString("status"));
    }
}
