package io.freshguard.service.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshguard.service.support.Samples;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GithubWebhookTest {

    @Test
    void publishedTestVectorMatchesOurSigner() {
        assertEquals("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                Signatures.github("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void successfulDeploymentStatusIsAcceptedForOwnerRepoAtEnvironment() {
        byte[] body = Samples.bytes("github-deployment_status-payload.json");
        long id = post("deployment_status", "gh-delivery-1", body).then().statusCode(202)
                .body("status", equalTo("accepted"))
                .body("site", equalTo("acme"))
                .extract().jsonPath().getLong("deploy");
        Map<String, Object> row = TestDatabase.query("select * from deploy where id = ?", id).get(0);
        assertEquals("Codertocat/Hello-World@production", row.get("source_key"));
        assertEquals("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", row.get("commit_sha"));
        assertEquals("145988746", row.get("release_name"));

        post("deployment_status", "gh-delivery-1", body).then().statusCode(200).body("status", equalTo("duplicate"));
        assertEquals(1, TestDatabase.count("select count(*) from deploy where delivery_id = 'gh-delivery-1'"));
    }

    @Test
    void pingAndUnfinishedDeploymentsAreIgnoredAndRecorded() {
        post("ping", "gh-ping-1", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}".getBytes(StandardCharsets.UTF_8))
                .then().statusCode(202).body("status", equalTo("ignored")).body("reason", equalTo("ping"));
        post("deployment_status", "gh-pages-1", Samples.bytes("github-deployment_status-gh-pages.payload.json"))
                .then().statusCode(202).body("status", equalTo("ignored")).body("reason", containsString("in_progress"));
        post("deployment", "gh-deployment-1", Samples.bytes("github-deployment-payload.json"))
                .then().statusCode(202).body("status", equalTo("ignored"));
        assertEquals(3, TestDatabase.count(
                "select count(*) from deploy where delivery_id in ('gh-ping-1','gh-pages-1','gh-deployment-1') and status = 'IGNORED'"));
    }

    @Test
    void wrongSignatureIs401() {
        byte[] body = Samples.bytes("github-deployment_status-payload.json");
        given().contentType("application/json").header("X-GitHub-Event", "deployment_status")
                .header("X-GitHub-Delivery", "gh-forged").header("X-Hub-Signature-256", Signatures.github("nope", body))
                .body(body).post("/webhooks/github")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        assertEquals(0, TestDatabase.count("select count(*) from deploy where delivery_id = 'gh-forged'"));
    }

    static Response post(String event, String delivery, byte[] body) {
        return given().contentType("application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", Signatures.github(Signatures.GITHUB_SECRET, body))
                .body(body)
                .post("/webhooks/github");
    }
}
