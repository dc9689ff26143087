package io.freshguard.service.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.service.log.PayloadDigest;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.RawHttp;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Input shaped like the senders really send it, and input no sender should send: never a 5xx, never a stray row. */
@QuarkusTest
class HostileInputTest {

    private static final RestAssuredConfig RAW_FORM = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    @Test
    void aPapertrailAlertWithHundredsOfEventsIsAccepted() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            events.append("{\"id\":").append(700_000 + i).append(",\"received_at\":\"2024-03-01T10:00:00+00:00\",")
                    .append("\"source_name\":\"acme-prod\",\"program\":\"heroku/router\",\"message\":\"at=info method=GET path=\\\"/embed.js?v=")
                    .append(i).append("\\\" host=acme.example.com request_id=").append(UUID.randomUUID())
                    .append(" fwd=\\\"203.0.113.7\\\" dyno=web.1 connect=0ms service=3ms status=200 bytes=5120\"},");
        }
        events.append("{\"id\":800001,\"received_at\":\"2024-03-01T10:00:01+00:00\",\"source_name\":\"acme-prod\",")
                .append("\"program\":\"app/api\",\"message\":\"Release v4242 created by user ops@acme.example\"}");
        String alert = "{\"events\":[" + events + "],\"saved_search\":{\"id\":77},\"min_id\":\"700000\",\"max_id\":\"800001\"}";
        assertTrue(alert.length() > 150_000, "as big as a busy minute: " + alert.length());
        given().formParam("payload", alert).queryParam("token", Signatures.PAPERTRAIL_TOKEN)
                .post("/webhooks/papertrail")
                .then().statusCode(202).body("status", equalTo("accepted")).body("site", equalTo("acme"));
        assertEquals(1, TestDatabase.count("select count(*) from deploy where release_name = 'v4242'"));
    }

    @Test
    void overTheLimitIsTheJson413ForEverySource() {
        String big = "x".repeat(1_100_000);
        given().formParam("payload", big).queryParam("token", Signatures.PAPERTRAIL_TOKEN).post("/webhooks/papertrail")
                .then().statusCode(413).body("error", equalTo("too_large"));
        for (String source : new String[] {"github", "generic", "heroku"}) {
            given().contentType("application/json").body("{\"p\":\"" + big + "\"}").post("/webhooks/" + source)
                    .then().statusCode(413).body("error", equalTo("too_large"));
        }
    }

    @Test
    void brokenPercentEncodingIsA400() throws IOException {
        long before = TestDatabase.count("select count(*) from deploy");
        for (String raw : new String[] {"payload=%E0%A4%A", "payload=%zz%", "payload=%", "payload=%C3%28", "=&&==%"}) {
            given().config(RAW_FORM).contentType("application/x-www-form-urlencoded").body(raw)
                    .queryParam("token", Signatures.PAPERTRAIL_TOKEN).post("/webhooks/papertrail")
                    .then().statusCode(400).body("error", equalTo("malformed"));
        }
        RawHttp.Answer broken = RawHttp.send(RestAssured.port, "POST", "/webhooks/papertrail?token=%E0%A4%A",
                "Content-Type: application/x-www-form-urlencoded\r\n", "payload=x".getBytes(StandardCharsets.US_ASCII));
        // the HTTP layer refuses a request line with a broken escape before any route sees it: a bare 400
        assertEquals(400, broken.status(), broken.text());
        assertEquals(before, TestDatabase.count("select count(*) from deploy"));
    }

    @Test
    void absurdSignatureTimestampsAre401() {
        byte[] body = GenericWebhooks.deploy("acme", "ts-" + UUID.randomUUID());
        for (String t : new String[] {"9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e9", ""}) {
            GenericWebhooks.post(body, "t=" + t + ",v1=00").then().statusCode(401).body("error", equalTo("unauthorized"));
        }
    }

    @Test
    void overLongIdentifyingFieldsAreRefusedNamingTheField() {
        long before = TestDatabase.count("select count(*) from deploy");
        signed("{\"site\":\"acme\",\"release\":\"" + "r".repeat(201) + "\"}").then().statusCode(400)
                .body("error", equalTo("malformed")).body("message", containsString("release"));
        signed("{\"site\":\"acme\",\"commit\":\"" + "c".repeat(101) + "\"}").then().statusCode(400)
                .body("message", containsString("commit"));
        byte[] body = GenericWebhooks.deploy("acme", "long-delivery");
        given().contentType("application/json").header("X-Freshguard-Delivery", "d".repeat(201))
                .header("X-Freshguard-Signature", Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body))
                .body(body).post("/webhooks/generic").then().statusCode(400).body("message", containsString("delivery id"));
        signed("{\"site\":\"acme\",\"release\":\"far\",\"deployedAt\":\"+999999999-12-31T23:59:59Z\"}").then().statusCode(400)
                .body("message", containsString("deployedAt"));
        assertEquals(before, TestDatabase.count("select count(*) from deploy"));
    }

    @Test
    void overLongShownFieldsAreStoredShortenedWithAMarker() {
        String release = "actor-" + UUID.randomUUID();
        long id = signed("{\"site\":\"acme\",\"release\":\"" + release + "\",\"actor\":\"" + "😀".repeat(400) + "\"}")
                .then().statusCode(202).extract().jsonPath().getLong("deploy");
        String actor = (String) TestDatabase.query("select actor from deploy where id = ?", id).get(0).get("actor");
        assertTrue(actor.length() <= 300 && actor.endsWith("…[cut]"), actor);
        long ignored = signed("{\"site\":\"nowhere-" + "s".repeat(400) + "\",\"release\":\"x\"}")
                .then().statusCode(202).body("status", equalTo("ignored")).extract().jsonPath().getLong("deploy");
        String key = (String) TestDatabase.query("select source_key from deploy where id = ?", ignored).get(0).get("source_key");
        assertTrue(key.endsWith("…[cut]"), key);
    }

    @Test
    void invalidUtf8DeepNestingAndHugeNumbersAre400() {
        byte[] head = "{\"site\":\"acme\",\"release\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] invalid = Arrays.copyOf(head, head.length + 4);
        // 0xC3 0x28: a lead byte followed by a byte that cannot continue it
        System.arraycopy(new byte[] {(byte) 0xC3, 0x28, '"', '}'}, 0, invalid, head.length, 4);
        signed(invalid).then().statusCode(400).body("error", equalTo("malformed"));
        signed("[".repeat(5000) + "]".repeat(5000)).then().statusCode(400).body("error", equalTo("malformed"));
        signed("{\"site\":\"acme\",\"release\":" + "9".repeat(5000) + "}").then().statusCode(400).body("error", equalTo("malformed"));
        signed("{\"site\":\"acme\",\"release\":\"x\",\"deployedAt\":12345678901234567890}").then().statusCode(400);
    }

    @Test
    void aSignedBodyReplayedUnderANewDeliveryHeaderAddsNoRow() {
        byte[] ping = ("{\"zen\":\"Keep it logically awesome.\",\"hook_id\":" + System.nanoTime()
                + ",\"repository\":{\"full_name\":\"Codertocat/Hello-World\"}}").getBytes(StandardCharsets.UTF_8);
        GithubWebhookTest.post("ping", "replay-1-" + UUID.randomUUID(), ping).then().statusCode(202);
        GithubWebhookTest.post("ping", "replay-2-" + UUID.randomUUID(), ping).then().statusCode(200)
                .body("status", equalTo("duplicate"));
        byte[] deploy = GenericWebhooks.deploy("acme", "replayed-" + UUID.randomUUID());
        String signature = Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), deploy);
        for (String delivery : new String[] {"first", "second", "third"}) {
            given().contentType("application/json").header("X-Freshguard-Delivery", delivery + UUID.randomUUID())
                    .header("X-Freshguard-Signature", signature).body(deploy).post("/webhooks/generic")
                    .then().statusCode(Matchers.oneOf(200, 202));
        }
        assertEquals(1, TestDatabase.count("select count(*) from deploy where payload_sha256 = ?",
                PayloadDigest.sha256Hex(deploy)));
    }

    @Test
    void aPapertrailLineFromAnotherProgramIsNotADeploy() {
        String alert = "{\"events\":[{\"id\":990001,\"received_at\":\"2024-03-01T10:00:00+00:00\",\"source_name\":\"acme-prod\","
                + "\"program\":\"app/web.1\",\"message\":\"Release v9999 created by user mallory@example.com\"}],"
                + "\"saved_search\":{\"id\":78},\"min_id\":\"990001\",\"max_id\":\"990001\"}";
        given().formParam("payload", alert).queryParam("token", Signatures.PAPERTRAIL_TOKEN).post("/webhooks/papertrail")
                .then().statusCode(202).body("status", equalTo("ignored"));
        assertEquals(0, TestDatabase.count("select count(*) from deploy where release_name = 'v9999'"));
    }

    @Test
    void redeployingAnEarlierCommitIsANewDeploy() {
        String commit = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long first = deployCommit(commit, "2024-03-01T10:00:00Z");
        deployCommit("0ther" + commit.substring(5), "2024-03-01T11:00:00Z");
        long rollback = deployCommit(commit, "2024-03-01T12:00:00Z");
        assertTrue(rollback > first);
        assertEquals(2, TestDatabase.count("select count(*) from deploy where commit_sha = ? and status <> 'IGNORED'", commit));
    }

    private static long deployCommit(String commit, String at) {
        return signed("{\"site\":\"acme\",\"commit\":\"" + commit + "\",\"deployedAt\":\"" + at + "\"}")
                .then().statusCode(202).body("status", equalTo("accepted")).extract().jsonPath().getLong("deploy");
    }

    private static Response signed(String body) {
        return signed(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Response signed(byte[] body) {
        return GenericWebhooks.signedPost(body);
    }
}
