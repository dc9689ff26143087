package io.freshguard.service.logging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads and what their load balancer sees: the start-up summary, one WARN line per refused webhook,
 * and readiness that can leave CloudFront out while its own group still reports it.
 */
class OperatorSurfaceIT {

    static final String DATABASE = "freshguard_operator_it";

    @Test
    void summaryRefusalLinesAndACloudFrontCheckOutsideReadiness() throws Exception {
        FakeCloudFront cloudfront = new FakeCloudFront();
        int port = cloudfront.start();
        cloudfront.refuseEverything(new FakeCloudFront.Failure(403, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = new ServiceProcess("operator", DATABASE, port, Map.of(
                "freshguard.health.cloudfront-in-readiness", "false",
                "freshguard.cloudfront.canary-interval", "PT1S",
                "freshguard.sites.acme.distribution-id", "EACMEOPERATOR",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme")).start()) {
            GenericWebhooks.deployTo(service.url(""), "acme", "operator-1");
            GenericWebhooks.post(service.url("/webhooks/generic"), "{}".getBytes(), "t=1,v1=00")
                    .then().statusCode(401);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (given().get(service.managementUrl("/q/health/group/cloudfront")).statusCode() != 503 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            given().get(service.managementUrl("/q/health/group/cloudfront")).then().statusCode(503)
                    .body(containsString("InvalidClientTokenId"));
            // readiness keeps the replica in the load balancer: refused credentials show elsewhere
            given().get(service.managementUrl("/q/health/ready")).then().statusCode(200)
                    .body("checks.find { it.name == 'cdn' }.data.inReadiness", equalTo(false));
            given().get(service.managementUrl("/q/health/group/cdn")).then().statusCode(503)
                    .body(containsString("cloudfront:EACMEOPERATOR.error"));
        } finally {
            cloudfront.stop();
        }
        String log = Files.readString(Path.of("target", "operator.log"));
        // the deprecated canary key took effect through its new name
        assertTrue(log.contains("Freshguard: 1 site(s); purges live, canary every PT1S"), log);
        assertTrue(log.contains("Site acme: targets [cloudfront:EACMEOPERATOR]"), log);
        // the settings written before other CDNs still work, and say they are deprecated
        assertTrue(log.contains("Deprecated settings in use") && log.contains("freshguard.sites.acme.distribution-id")
                && log.contains("freshguard.health.cloudfront-in-readiness (use freshguard.health.cdn-in-readiness)")
                && log.contains("freshguard.cloudfront.canary-interval (use freshguard.purge.canary-interval)"), log);
        assertTrue(log.contains("readiness: database, asset-freshness"), log);
        assertTrue(log.contains("Webhook refused: source=generic outcome=unauthorized remote=127.0.0.1"), log);
    }

    @Test
    void jsonLinesWhenAskedForEachOneParsedWithTheRefusalInIt() throws Exception {
        FakeCloudFront cloudfront = new FakeCloudFront();
        int port = cloudfront.start();
        ServiceProcess.freshDatabase(DATABASE);
        Path logFile = Path.of("target", "operator-json.log");
        Files.deleteIfExists(logFile);
        try (ServiceProcess service = new ServiceProcess("operator-json", DATABASE, port, Map.of(
                "freshguard.log.json", "true",
                "freshguard.sites.acme.distribution-id", "EACMEJSON",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme")).start()) {
            GenericWebhooks.post(service.url("/webhooks/generic"), "{}".getBytes(), "t=1,v1=00").then().statusCode(401);
            Thread.sleep(500);
        } finally {
            cloudfront.stop();
        }
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(logFile);
        int summary = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Freshguard: 1 site(s)")) {
                summary = i;
                break;
            }
        }
        assertTrue(summary >= 0, String.join("\n", lines));
        boolean refusal = false;
        for (String line : lines.subList(summary, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = json.readTree(line);
            assertTrue(entry.hasNonNull("timestamp") && entry.hasNonNull("level") && entry.hasNonNull("message"), line);
            if (entry.get("message").asText().startsWith("Webhook refused: source=generic outcome=unauthorized")) {
                refusal = "WARN".equals(entry.get("level").asText()) || "WARNING".equals(entry.get("level").asText());
            }
        }
        assertTrue(refusal, "the refused webhook is one WARN JSON line:\n" + String.join("\n", lines));
    }
}
