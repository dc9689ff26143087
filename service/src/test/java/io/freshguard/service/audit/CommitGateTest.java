package io.freshguard.service.audit;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /audit/sites/{site}/commits/{sha}/wait}: the gate a pipeline waits on by the commit it just pushed. */
@QuarkusTest
class CommitGateTest {

    static final String PATH = "/tagged/widget.js";

    static RequestSpecification audit() {
        return given().header("Authorization", "Bearer test-audit-token");
    }

    @AfterEach
    void heal() {
        CLOUDFRONT.reset();
    }

    static String sha() {
        return UUID.randomUUID().toString().replace("-", "") + "c0ffee00";
    }

    static long deploy(String site, String release, String commit) {
        byte[] body = ("{\"site\":\"" + site + "\",\"release\":\"" + release + "\",\"commit\":\"" + commit + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return GenericWebhooks.signedPost(body).then().statusCode(202).extract().jsonPath().getLong("deploy");
    }

    @Test
    void waitsFirstForTheDeployThenForFreshWithinTheHold() {
        String sha = sha();
        String release = "c" + System.nanoTime();
        // before the webhook: a 202 with Retry-After after the hold, never an instant answer about another deploy
        audit().queryParam("hold", "PT1S").get("/audit/sites/tagged/commits/" + sha + "/wait").then().statusCode(202)
                .header("Retry-After", "1").body("answer", equalTo("WAITING"))
                .body("reason", containsString("no deploy of commit")).body("waitedMs", greaterThanOrEqualTo(900));

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> audit().queryParam("hold", "PT15S")
                .get("/audit/sites/tagged/commits/" + sha.substring(0, 12) + "/wait"));
        CDN.publish(PATH, "/* widget release=" + release + " */\n");
        long deploy = deploy("tagged", release, sha);
        Response answer = waiting.join();
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(deploy, answer.jsonPath().getLong("deploy"));
        assertEquals("FRESH", answer.jsonPath().getString("status"));
        audit().get("/audit/sites/tagged/commits/" + sha).then().statusCode(200).body("answer", equalTo("FRESH"));
        audit().get("/audit/sites/tagged/releases/" + release + "/wait").then().statusCode(200);
    }

    @Test
    void anOlderDeployOfTheCommitIsNotWhatCustomersGetNow() {
        String first = sha();
        String release = "o" + System.nanoTime();
        CDN.publish(PATH, "/* widget release=" + release + " */\n");
        long old = deploy("tagged", release, first);
        Chains.awaitStatus(old, "FRESH");
        String later = "l" + System.nanoTime();
        CDN.publish(PATH, "/* widget release=" + later + " */\n");
        deploy("tagged", later, sha());
        // a rollback pipeline asking for the first commit before its own webhook is stored: not a false green
        audit().queryParam("hold", "PT1S").get("/audit/sites/tagged/commits/" + first + "/wait").then().statusCode(202)
                .body("reason", containsString("a later deploy"));
    }

    @Test
    void aBlockedChainIsRefusedOnlyOnceItHasLastedAndAHoldNeverHoldsAThread() {
        CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
        String sha = sha();
        deploy("inv", "b" + System.nanoTime(), sha);
        // the first refusal comes after the coalesce window and a worker's turn, which a busy suite can delay
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> "BLOCKED".equals(
                audit().get("/audit/sites/inv/commits/" + sha).jsonPath().getString("status")));
        // more held requests than the service has worker threads: none of them holds one
        List<CompletableFuture<Response>> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            held.add(CompletableFuture.supplyAsync(() -> audit().queryParam("hold", "PT20S")
                    .get("/audit/sites/inv/commits/" + sha + "/wait")));
        }
        Instant started = Instant.now();
        audit().get("/audit/sites/inv/commits/" + sha).then().statusCode(202).body("status", equalTo("BLOCKED"))
                .body("waitedMs", lessThan(1000));
        for (CompletableFuture<Response> request : held) {
            Response answer = request.join();
            assertEquals(409, answer.statusCode(), answer.asString());
            assertTrue(answer.jsonPath().getString("reason").contains("InvalidClientTokenId"), answer.asString());
        }
        assertTrue(Duration.between(started, Instant.now()).toMillis() < 15_000, "refused after blocked-after (PT3S)");
    }

    @Test
    void unknownSitesAndBadCommitsAreClientErrors() {
        audit().get("/audit/sites/nosuchsite/commits/abcdef1/wait").then().statusCode(404).body("error", equalTo("not_found"));
        audit().get("/audit/sites/tagged/commits/ab/wait").then().statusCode(400);
        audit().queryParam("hold", "PT1H").get("/audit/sites/tagged/commits/abcdef1/wait").then().statusCode(400);
        given().get("/audit/sites/tagged/commits/abcdef1/wait").then().statusCode(401);
    }
}
