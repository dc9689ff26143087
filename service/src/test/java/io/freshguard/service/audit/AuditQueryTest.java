package io.freshguard.service.audit;

import static io.freshguard.service.fakes.FakeCdnResource.CDN;
import static io.freshguard.service.fakes.FakeCloudFrontResource.CLOUDFRONT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.AdjustableClock;
import io.freshguard.service.support.Chains;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.Management;
import io.freshguard.service.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditQueryTest {

    @Inject
    AdjustableClock clock;

    @AfterEach
    void restore() {
        clock.reset();
        CLOUDFRONT.reset();
    }

    static RequestSpecification audit() {
        return given().header("Authorization", "Bearer test-audit-token");
    }

    @Test
    void replaysAnIncidentOfRefusedCredentialsAndReadsItBack() {
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(
                "select count(*) from asset_state where site = 'story' and state = 'FRESH'") == 1);
        CLOUDFRONT.acceptOnlyAccessKey("AKIDROTATEDAWAY");
        CDN.publish("/story/app.js", "/* build 2222222 */\n");
        long id = GenericWebhooks.deployNow("story", "2222222");
        Chains.awaitStatus(id, "BLOCKED");
        clock.advance(Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(
                "select count(*) from stale_incident where deploy_id = ? and ended_at is null", id) == 1);
        CLOUDFRONT.heal();
        Chains.awaitStatus(id, "FRESH");

        JsonPath timeline = audit().get("/audit/deploys/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("FRESH", timeline.getString("deploy.status"));
        assertEquals("generic:story", timeline.getString("deploy.source"));
        assertNotNull(timeline.getString("deploy.receivedToFreshMs"));
        assertTrue(timeline.getInt("batches[0].attempts") >= 2);
        assertNotNull(timeline.getString("batches[0].purgeId"));
        List<String> kinds = timeline.getList("events.kind");
        assertTrue(kinds.containsAll(List.of("RECEIVED", "BATCH_PLANNED", "BLOCKED", "REQUESTED", "INVALIDATED", "FRESH")), kinds.toString());
        assertTrue(timeline.getList("events.findAll { it.kind == 'PURGE_ATTEMPT' }.data.code").contains("InvalidClientTokenId"));
        assertEquals("app", timeline.getString("freshAssets[0].asset"));
        String cause = timeline.getString("staleWindows[0].cause");
        assertTrue(cause.contains("refused by the CDN: InvalidClientTokenId"), cause);
        assertTrue(timeline.getLong("staleWindows[0].durationMs") >= 0);
        assertNotNull(timeline.getString("staleWindows[0].endedAt"));

        audit().queryParam("site", "story").get("/audit/incidents").then().statusCode(200)
                .body("items[0].deployId", equalTo((int) id))
                .body("items[0].cause", containsString("InvalidClientTokenId"));
        String csv = audit().accept("text/csv").queryParam("site", "story").get("/audit/incidents")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("id,site,asset,deployId,state,startedAt,endedAt,durationMs,cause,originOld,endedByHeal\r\n"), csv);
        assertTrue(csv.contains("InvalidClientTokenId"), csv);

        audit().queryParam("site", "story").queryParam("status", "fresh").get("/audit/deploys").then().statusCode(200)
                .body("items.id", Matchers.hasItem((int) id));
        audit().get("/audit/assets/story/app/observations").then().statusCode(200)
                .body("items.state", Matchers.hasItems("FRESH", "STALE"));
    }

    @Test
    void csvExportIsSafeToOpenInASpreadsheet() {
        String release = "csv-" + System.nanoTime();
        GenericWebhooks.signedPost(("{\"site\":\"pager\",\"release\":\"" + release
                + "\",\"actor\":\"=HYPERLINK(\\\"http://evil.example\\\",\\\"open\\\")\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .then().statusCode(202);
        String csv = audit().accept("text/csv").queryParam("site", "pager").queryParam("limit", 500).get("/audit/deploys")
                .then().statusCode(200).extract().asString();
        String line = csv.lines().filter(l -> l.contains(release)).findFirst().orElseThrow();
        assertTrue(line.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\","), line);
    }

    @Test
    void pagingNeitherSkipsNorRepeatsWhileDeploysArrive() {
        List<Long> existing = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            existing.add(GenericWebhooks.deployNow("pager", "p-" + System.nanoTime()));
        }
        CompletableFuture<Void> arriving = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 20; i++) {
                GenericWebhooks.deployNow("pager", "late-" + System.nanoTime());
            }
        });
        Set<Long> seen = new HashSet<>();
        List<Long> order = new ArrayList<>();
        String after = null;
        do {
            RequestSpecification request = audit().queryParam("site", "pager").queryParam("limit", 7);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/audit/deploys").then().statusCode(200).extract().jsonPath();
            for (Object id : page.getList("items.id")) {
                long value = ((Number) id).longValue();
                assertTrue(seen.add(value), "repeated " + value);
                order.add(value);
            }
            after = page.getString("next");
        } while (after != null);
        arriving.join();
        assertTrue(seen.containsAll(existing), "every deploy present before paging started is listed");
        List<Long> sorted = new ArrayList<>(order);
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, order, "newest first");
    }

    @Test
    void theRawLogPagesInChainOrder() {
        GenericWebhooks.deployNow("pager", "log-" + System.nanoTime());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count("select count(*) from audit_log where seq is not null") >= 6);
        JsonPath first = audit().queryParam("limit", 3).get("/audit/log").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2, 3), first.getList("items.seq"));
        JsonPath second = audit().queryParam("limit", 3).queryParam("after", first.getString("next")).get("/audit/log")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(4, 5, 6), second.getList("items.seq"));
        assertEquals(first.getString("items[2].hash"), second.getString("items[0].prevHash"));
    }

    @Test
    void everyEndpointNeedsTheTokenAndBadParametersAre400() {
        for (String path : List.of("/audit/deploys", "/audit/deploys/1", "/audit/incidents", "/audit/assets/a/b/observations",
                "/audit/log", "/audit/log/verify")) {
            given().get(path).then().statusCode(401).body("error", equalTo("unauthorized"));
        }
        Map<String, String> bad = Map.of("since", "yesterday", "limit", "0", "status", "NOPE", "after", "!!");
        bad.forEach((name, value) -> audit().queryParam(name, value).get("/audit/deploys").then().statusCode(400)
                .body("error", equalTo("invalid_parameter")).body("message", containsString(name)));
        audit().get("/audit/deploys/999999999").then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void openApiDocumentsTheAuditEndpoints() {
        // the API description lives with health and metrics, on the management port
        given().get(Management.url("/q/openapi")).then().statusCode(200)
                .body(containsString("/audit/deploys/{id}"))
                .body(containsString("/audit/incidents"));
    }
}
