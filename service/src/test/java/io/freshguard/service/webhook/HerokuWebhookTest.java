package io.freshguard.service.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.Chains;
import io.freshguard.service.support.Samples;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HerokuWebhookTest {

    static final String RELEASE = "heroku-webhook-api-release-update-real-redacted.json";

    @Test
    void publishedTestVectorMatchesOurSigner() {
        assertEquals("luDEVkRg2AxxcflGmamyN5mOPleyccUZdkg+C0MoRBY=",
                Signatures.heroku("foobar", "a wild payload appeared".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void succeededCurrentReleaseIsAcceptedOnceAndRedeliveryIsDuplicate() {
        byte[] body = Samples.bytes(RELEASE);
        long id = post(body).then().statusCode(202)
                .body("status", equalTo("accepted"))
                .body("site", equalTo("sample"))
                .body("deploy", notNullValue())
                .extract().jsonPath().getLong("deploy");

        Map<String, Object> row = TestDatabase.query("select * from deploy where id = ?", id).get(0);
        // the worker may already have moved the chain on (the packaged jar runs on the real clock), so check
        // that it was received as a live chain rather than which step it has reached
        assertNotEquals("IGNORED", row.get("status"));
        assertTrue(Chains.auditEntries(id).stream().anyMatch(e -> "RECEIVED".equals(e.get("kind"))));
        assertEquals("v6644", row.get("release_name"));
        assertEquals("69eec518969cc409e116940aa5304ab6ab237a4d", row.get("commit_sha"));
        assertEquals("ecb8532f-3b9b-4f8a-8eee-14296e0a6784", row.get("delivery_id"));
        assertEquals("my-app", row.get("source_key"));

        post(body).then().statusCode(200)
                .body("status", equalTo("duplicate"))
                .body("deploy", equalTo((int) id));
        assertEquals(1, TestDatabase.count("select count(*) from deploy where delivery_id = ?",
                "ecb8532f-3b9b-4f8a-8eee-14296e0a6784"));
    }

    @Test
    void secondEventAboutTheSameReleaseIsDuplicate() {
        String original = Samples.text("heroku-webhook-api-release-create.json");
        post(original.getBytes(StandardCharsets.UTF_8)).then().statusCode(202).body("status", equalTo("accepted"));
        // Heroku sends another event for the same release (e.g. after the release phase), with its own delivery id
        byte[] again = original.replace("d244009a-670f-4340-88e9-789a4f9002d5", "11111111-2222-3333-4444-555555555555")
                .getBytes(StandardCharsets.UTF_8);
        post(again).then().statusCode(200).body("status", equalTo("duplicate"));
        assertEquals(1, TestDatabase.count("select count(*) from deploy where site = 'sample' and release_name = 'v3'"));
    }

    @Test
    void failedReleaseAndBuildEventsAreIgnoredButRecorded() {
        // this sample shares its delivery id with release-create.json, so it gets one of its own here
        byte[] failed = Samples.text("heroku-webhook-api-release-update.json")
                .replace("d244009a-670f-4340-88e9-789a4f9002d5", "f0000000-0000-0000-0000-000000000001")
                .getBytes(StandardCharsets.UTF_8);
        post(failed).then().statusCode(202)
                .body("status", equalTo("ignored"))
                .body("reason", containsString("status failed"));
        post(Samples.bytes("heroku-webhook-api-build-update-succeeded-real.json")).then().statusCode(202)
                .body("status", equalTo("ignored"))
                .body("reason", containsString("not a release"));
        assertEquals(1, TestDatabase.count("select count(*) from deploy where source_key = 'sample-app-0008' and status = 'IGNORED'"));
    }

    @Test
    void badOrMissingSignatureIs401AndStoresNothing() {
        byte[] body = Samples.text(RELEASE).replace("ecb8532f", "badbad00").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").header("Heroku-Webhook-Hmac-SHA256", Signatures.heroku("wrong", body))
                .body(body).post("/webhooks/heroku")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        given().contentType("application/json").body(body).post("/webhooks/heroku")
                .then().statusCode(401).body("message", containsString("missing"));
        assertEquals(0, TestDatabase.count("select count(*) from deploy where delivery_id like 'badbad00%'"));
    }

    @Test
    void malformedTooLargeAndWrongTypeAreClientErrors() {
        post("{not json".getBytes(StandardCharsets.UTF_8)).then().statusCode(400).body("error", equalTo("malformed"));
        post("{\"resource\":\"release\"}".getBytes(StandardCharsets.UTF_8)).then().statusCode(400)
                .body("message", containsString("delivery.id"));
        byte[] huge = ("{\"pad\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        post(huge).then().statusCode(413).body("error", equalTo("too_large"));
        given().contentType("text/plain").body("hello").post("/webhooks/heroku")
                .then().statusCode(415).body("error", equalTo("unsupported_media_type"));
    }

    static Response post(byte[] body) {
        return given().contentType("application/json")
                .header("Heroku-Webhook-Hmac-SHA256", Signatures.heroku(Signatures.HEROKU_SECRET, body))
                .body(body)
                .post("/webhooks/heroku");
    }
}
