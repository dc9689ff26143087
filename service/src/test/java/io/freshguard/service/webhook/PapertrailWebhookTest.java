package io.freshguard.service.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshguard.service.support.Samples;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PapertrailWebhookTest {

    /** An alert as Papertrail sends it, carrying Heroku's own log lines from the samples. */
    static String alertWithHerokuLines() {
        String[] lines = Samples.text("heroku-logs-api-deploy-release-lines.txt").split("\n");
        // "…app[api]: Deploy ff987c7a by user ***@***.com" and "…app[api]: Release v12 created by user …"
        return """
                {"events":[
                  {"id":9001,"received_at":"2019-07-04T19:59:32+00:00","source_name":"acme-prod","program":"app/api","message":"%s"},
                  {"id":9002,"received_at":"2019-07-04T19:59:32+00:00","source_name":"acme-prod","program":"app/api","message":"%s"},
                  {"id":9003,"received_at":"2019-07-04T19:59:33+00:00","source_name":"acme-prod","program":"heroku/web.1","message":"State changed from up to starting"}
                ],"saved_search":{"id":42,"name":"deploys"},"max_id":"9003","min_id":"9001"}
                """.formatted(message(lines[4]), message(lines[5]));
    }

    private static String message(String line) {
        return line.substring(line.indexOf(": ") + 2);
    }

    @Test
    void releaseAndDeployLinesBecomeOneDeploy() {
        long id = post(Signatures.PAPERTRAIL_TOKEN, alertWithHerokuLines()).then().statusCode(202)
                .body("status", equalTo("accepted"))
                .body("site", equalTo("acme"))
                .extract().jsonPath().getLong("deploy");
        Map<String, Object> row = TestDatabase.query("select * from deploy where id = ?", id).get(0);
        assertEquals("v12", row.get("release_name"));
        assertEquals("ff987c7a", row.get("commit_sha"));
        assertEquals("event:9002", row.get("delivery_id"));

        post(Signatures.PAPERTRAIL_TOKEN, alertWithHerokuLines()).then().statusCode(200).body("status", equalTo("duplicate"));
    }

    @Test
    void alertsWithoutDeployLinesAreIgnored() {
        post(Signatures.PAPERTRAIL_TOKEN, Samples.text("papertrail-payload-counts.json")).then().statusCode(202)
                .body("status", equalTo("ignored"));
        // Papertrail's own example has trailing commas: lenient, still not a deploy
        // (it covers the same saved search and id range as the counts sample, so give it its own range)
        String zulip = Samples.text("papertrail-payload-events-zulip.json.txt").replace("7711582041804800", "7711582041804801");
        post(Signatures.PAPERTRAIL_TOKEN, zulip).then().statusCode(202)
                .body("status", equalTo("ignored"));
    }

    @Test
    void wrongOrMissingTokenIs401AndMissingPayloadIs400() {
        post("wrong-token", alertWithHerokuLines()).then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("payload", alertWithHerokuLines())
                .post("/webhooks/papertrail").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("other", "x")
                .queryParam("token", Signatures.PAPERTRAIL_TOKEN)
                .post("/webhooks/papertrail").then().statusCode(400).body("error", equalTo("malformed"));
        given().contentType("application/json").body("{}").queryParam("token", Signatures.PAPERTRAIL_TOKEN)
                .post("/webhooks/papertrail").then().statusCode(415);
    }

    static Response post(String token, String payload) {
        return given().contentType("application/x-www-form-urlencoded")
                .queryParam("token", token)
                .formParam("payload", payload)
                .post("/webhooks/papertrail");
    }
}
