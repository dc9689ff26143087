package io.freshguard.service.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Signed deploys through {@code POST /webhooks/generic}, the way a CI job would send them. */
public final class GenericWebhooks {

    private GenericWebhooks() {
    }

    public static byte[] deploy(String site, String release) {
        return ("{\"site\":\"" + site + "\",\"release\":\"" + release + "\",\"commit\":\"abc123\","
                + "\"deployedAt\":\"" + Instant.now() + "\",\"actor\":\"ci@example.com\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static Response post(byte[] body, String signature) {
        return post("/webhooks/generic", body, signature);
    }

    /** Posts a signed deploy to a service started outside the test's Quarkus application. */
    public static long deployTo(String baseUrl, String site, String release) {
        byte[] body = deploy(site, release);
        return post(baseUrl + "/webhooks/generic", body, Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body))
                .then().statusCode(202).extract().jsonPath().getLong("deploy");
    }

    /** Posts a signed deploy of one commit (its release named after it) to a service started outside the test's application. */
    public static long deployCommitTo(String baseUrl, String site, String commit) {
        byte[] body = ("{\"site\":\"" + site + "\",\"release\":\"" + commit + "\",\"commit\":\"" + commit + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return post(baseUrl + "/webhooks/generic", body, Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body))
                .then().statusCode(202).extract().jsonPath().getLong("deploy");
    }

    public static Response post(String url, byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header("X-Freshguard-Signature", signature);
        }
        return request.post(url);
    }

    public static Response signedPost(byte[] body) {
        return post(body, Signatures.generic(Signatures.GENERIC_SECRET, Instant.now().getEpochSecond(), body));
    }

    /** Records a deploy of a site and returns its id. */
    public static long deployNow(String site, String release) {
        return signedPost(deploy(site, release)).then().statusCode(202).extract().jsonPath().getLong("deploy");
    }
}
