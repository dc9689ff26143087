package io.freshguard.service.webhook;

import static io.freshguard.service.support.GenericWebhooks.deploy;
import static io.freshguard.service.support.GenericWebhooks.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GenericWebhookTest {

    @Test
    void signedDeployIsAcceptedAndAReplayIsADuplicate() {
        byte[] body = deploy("acme", "rel-" + UUID.randomUUID());
        long now = Instant.now().getEpochSecond();
        long id = post(body, Signatures.generic(Signatures.GENERIC_SECRET, now, body)).then().statusCode(202)
                .body("status", equalTo("accepted")).body("site", equalTo("acme"))
                .extract().jsonPath().getLong("deploy");
        post(body, Signatures.generic(Signatures.GENERIC_SECRET, now, body)).then().statusCode(200)
                .body("status", equalTo("duplicate")).body("deploy", equalTo((int) id));
        assertEquals(1, TestDatabase.count("select count(*) from deploy where payload_sha256 = (select payload_sha256 from deploy where id = ?)", id));
    }

    @Test
    void concurrentDeliveriesOfOneReleaseMakeOneDeploy() throws Exception {
        String release = "race-" + UUID.randomUUID();
        byte[] body = deploy("acme", release);
        String signature = Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body);
        int senders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                // half redeliver the same delivery, half are other events (own delivery ids) about the same release
                String delivery = i % 2 == 0 ? null : "delivery-" + UUID.randomUUID();
                answers.add(pool.submit(() -> {
                    start.await();
                    var request = given().contentType("application/json").header("X-Freshguard-Signature", signature).body(body);
                    if (delivery != null) {
                        request.header("X-Freshguard-Delivery", delivery);
                    }
                    return request.post("/webhooks/generic").then().extract();
                }));
            }
            start.countDown();
            Set<Long> deploys = new HashSet<>();
            int accepted = 0;
            for (Future<ExtractableResponse<Response>> answer : answers) {
                ExtractableResponse<Response> response = answer.get(30, TimeUnit.SECONDS);
                assertTrue(response.statusCode() == 200 || response.statusCode() == 202, response.asString());
                deploys.add(response.jsonPath().getLong("deploy"));
                accepted += "accepted".equals(response.jsonPath().getString("status")) ? 1 : 0;
            }
            assertEquals(1, accepted, "exactly one delivery is the deploy, the others are duplicates of it: "
                    + TestDatabase.query("select id, delivery_id, generation, live_at, received_at from deploy where release_name = ?", release)
                    + "; newest of the site: " + TestDatabase.query("select id, release_name, source_kind, live_at, status from deploy"
                    + " where site = 'acme' order by live_at desc, id desc limit 3"));
            assertEquals(1, deploys.size());
            assertEquals(1, TestDatabase.count("select count(*) from deploy where release_name = ?", release));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signatureOutsideTheFiveMinuteWindowIsRefused() {
        byte[] body = deploy("acme", "old-" + UUID.randomUUID());
        long stale = Instant.now().minusSeconds(301).getEpochSecond();
        post(body, Signatures.generic(Signatures.GENERIC_SECRET, stale, body)).then().statusCode(401)
                .body("message", containsString("window"));
        // far enough ahead that the service's clock, reading later than ours (a slow first request in the packaged
        // jar took over a second), still sees it outside the window: 301 s minus that delay fell inside it
        long future = Instant.now().plusSeconds(360).getEpochSecond();
        post(body, Signatures.generic(Signatures.GENERIC_SECRET, future, body)).then().statusCode(401);
    }

    @Test
    void forgedMissingAndMalformedSignaturesAreRefused() {
        byte[] body = deploy("acme", "forged-" + UUID.randomUUID());
        long now = Instant.now().getEpochSecond();
        post(body, Signatures.generic("not-the-secret", now, body)).then().statusCode(401);
        post(body, null).then().statusCode(401);
        post(body, "v1=abc").then().statusCode(401);
        post(body, "t=soon,v1=abc").then().statusCode(401);
        assertEquals(0, TestDatabase.count("select count(*) from deploy where release_name like 'forged-%'"));
    }

    @Test
    void unknownSiteIsIgnoredAndMissingFieldsAre400() {
        byte[] unknown = deploy("nobody", "r1");
        long now = Instant.now().getEpochSecond();
        post(unknown, Signatures.generic(Signatures.GENERIC_SECRET, now, unknown)).then().statusCode(202)
                .body("status", equalTo("ignored")).body("reason", containsString("generic:nobody"));

        byte[] noRelease = "{\"site\":\"acme\"}".getBytes(StandardCharsets.UTF_8);
        post(noRelease, Signatures.generic(Signatures.GENERIC_SECRET, now, noRelease)).then().statusCode(400)
                .body("error", equalTo("malformed")).body("message", containsString("release or commit"));
        byte[] badTime = "{\"site\":\"acme\",\"release\":\"x\",\"deployedAt\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8);
        post(badTime, Signatures.generic(Signatures.GENERIC_SECRET, now, badTime)).then().statusCode(400)
                .body("message", containsString("deployedAt"));
    }
}
