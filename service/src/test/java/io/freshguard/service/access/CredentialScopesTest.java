package io.freshguard.service.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.Signatures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Scoped, rotatable credentials: two audit tokens valid together, a CI token that reads only the gates and signs
 * deploy notices, and the generic endpoint's Standard Webhooks signatures beside its own header.
 */
@QuarkusTest
class CredentialScopesTest {

    static String sha() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void bothAuditTokensOfARotationReadEverythingAndSignIn() {
        for (String token : new String[] {"test-audit-token", "test-audit-token-next"}) {
            given().header("Authorization", "Bearer " + token).get("/audit/deploys").then().statusCode(200);
            given().header("Authorization", "Bearer " + token).get("/audit/log/head").then().statusCode(200);
            given().redirects().follow(false).formParam("token", token).post("/sign-in").then().statusCode(303);
        }
        given().header("Authorization", "Bearer test-audit-token,test-audit-token-next").get("/audit/deploys").then()
                .statusCode(401);
    }

    @Test
    void aCiTokenReadsTheGatesAndNothingElse() {
        String sha = sha();
        given().header("Authorization", "Bearer " + Signatures.CI_TOKEN).get("/audit/sites/tagged/commits/" + sha)
                .then().statusCode(not(oneOf(401, 403)));
        given().header("Authorization", "Bearer " + Signatures.CI_TOKEN).queryParam("hold", "PT0.2S")
                .get("/audit/sites/tagged/commits/" + sha + "/wait").then().statusCode(202);
        given().header("Authorization", "Bearer " + Signatures.CI_TOKEN).queryParam("timeout", "PT0.2S")
                .get("/audit/deploys/999999999/wait").then().statusCode(not(oneOf(401, 403)));
        for (String path : new String[] {"/audit/deploys", "/audit/deploys/1", "/audit/log", "/audit/log/verify",
                "/audit/incidents", "/audit/sites/tagged/commits/" + sha + "/wait/../../../../../deploys"}) {
            given().header("Authorization", "Bearer " + Signatures.CI_TOKEN).urlEncodingEnabled(false).get(path).then()
                    .statusCode(oneOf(403, 404)).body("error", oneOf("forbidden", "not_found"));
        }
        given().header("Authorization", "Bearer " + Signatures.CI_TOKEN).get("/audit/log").then().statusCode(403)
                .body("error", equalTo("forbidden"));
        // the dashboard is the audit log's: a CI token never signs in
        given().redirects().follow(false).formParam("token", Signatures.CI_TOKEN).post("/sign-in").then().statusCode(401);
    }

    @Test
    void standardWebhooksSignaturesAreAcceptedAndTheirIdIsTheDelivery() {
        byte[] body = ("{\"site\":\"tagged\",\"release\":\"sw-" + System.nanoTime() + "\",\"commit\":\"" + sha() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        Response first = post(body, id, now, Signatures.standardWebhook(Signatures.STANDARD_WEBHOOKS_SECRET, id, now, body));
        first.then().statusCode(202).body("status", equalTo("accepted"));
        long deploy = first.jsonPath().getLong("deploy");
        // a redelivery (same id, signed again later) is the same deploy
        post(body, id, now + 5, Signatures.standardWebhook(Signatures.STANDARD_WEBHOOKS_SECRET, id, now + 5, body)).then()
                .statusCode(200).body("status", equalTo("duplicate")).body("deploy", equalTo((int) deploy));
        // signed for another id, or outside the window: refused, nothing recorded
        post(body, id, now, Signatures.standardWebhook(Signatures.STANDARD_WEBHOOKS_SECRET, "msg_other", now, body)).then()
                .statusCode(401).body("error", equalTo("unauthorized"));
        post(body, id, now - 600, Signatures.standardWebhook(Signatures.STANDARD_WEBHOOKS_SECRET, id, now - 600, body)).then()
                .statusCode(401);
    }

    @Test
    void aPipelineSignsItsDeployNoticeWithItsCiToken() {
        byte[] body = ("{\"site\":\"tagged\",\"release\":\"ci-" + System.nanoTime() + "\",\"commit\":\"" + sha() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        GenericWebhooks.post(body, Signatures.generic(Signatures.CI_TOKEN, Instant.now().getEpochSecond(), body)).then()
                .statusCode(202).body("status", equalTo("accepted"));
        GenericWebhooks.post(body, Signatures.generic("test-audit-token", Instant.now().getEpochSecond(), body)).then()
                .statusCode(401);
    }

    static Response post(byte[] body, String id, long timestamp, String signature) {
        return given().contentType("application/json").header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature).body(body).post("/webhooks/generic");
    }
}
