package io.freshguard.service.audit;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /audit/deploys/{id}/wait}: the step a pipeline gates on, "customers get the new build". */
@QuarkusTest
class WaitGateTest {

    static RequestSpecification audit() {
        return given().header("Authorization", "Bearer test-audit-token");
    }

    @AfterEach
    void heal() {
        CLOUDFRONT.reset();
    }

    @Test
    void answers200OnceCustomersGetTheBuild() {
        String release = "w" + System.nanoTime();
        CDN.publish("/tagged/widget.js", "/* widget release=" + release + " */\n");
        long deploy = GenericWebhooks.deployNow("tagged", release);
        audit().queryParam("timeout", "PT30S").get("/audit/deploys/" + deploy + "/wait").then().statusCode(200)
                .body("deploy", equalTo((int) deploy)).body("status", equalTo("FRESH"));
    }

    @Test
    void answers409WithTheReasonWhenCloudFrontRefuses() {
        CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
        long deploy = GenericWebhooks.deployNow("inv", "wait-" + System.nanoTime());
        // a BLOCKED chain retries by itself: refused only once it has lasted freshguard.wait.blocked-after (PT3S here)
        audit().queryParam("timeout", "PT30S").get("/audit/deploys/" + deploy + "/wait").then().statusCode(409)
                .body("status", equalTo("BLOCKED"))
                .body("reason", containsString("InvalidClientTokenId"))
                .body("waitedMs", greaterThanOrEqualTo(2500));
        CLOUDFRONT.heal();
        Chains.awaitStatus(deploy, "INVALIDATED");
    }

    @Test
    void answers408WhenTheTimeoutPassesFirst() {
        // pager has no probed assets: its chain is invalidated but never confirmed fresh
        long deploy = GenericWebhooks.deployNow("pager", "wait-" + System.nanoTime());
        audit().queryParam("timeout", "PT1S").get("/audit/deploys/" + deploy + "/wait").then().statusCode(408)
                .body("reason", containsString("after PT1S")).body("waitedMs", greaterThanOrEqualTo(1000));
    }

    @Test
    void unknownDeploysBadTimeoutsAndNoTokenAreClientErrors() {
        audit().get("/audit/deploys/987654321/wait").then().statusCode(404);
        audit().queryParam("timeout", "soon").get("/audit/deploys/1/wait").then().statusCode(400).body("message", containsString("timeout"));
        audit().queryParam("timeout", "PT2H").get("/audit/deploys/1/wait").then().statusCode(400);
        given().get("/audit/deploys/1/wait").then().statusCode(401);
    }
}
