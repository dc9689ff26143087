package io.freshguard.service.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshguard.service.support.Signatures;
import static io.freshguard.service.support.GenericWebhooks.deploy;
import static io.freshguard.service.support.GenericWebhooks.post;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
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
    void signatureOutsideTheFiveMinuteWindowIsRefused() {
        byte[] body = deploy("acme", "old-" + UUID.randomUUID());
        long stale = Instant.now().minusSeconds(301).getEpochSecond();
        post(body, Signatures.generic(Signatures.GENERIC_SECRET, stale, body)).then().statusCode(401)
                .body("message", containsString("window"));
        long future = Instant.now().plusSeconds(301).getEpochSecond();
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
