package io.freshguard.service.logging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.fakes.FakeCloudflare;
import io.freshguard.service.fakes.FakeFastly;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.RawHttp;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run that walks every error path, with access logs on: no configured secret shows up in its log or its answers. */
class SecretsStayOutIT {

    static final String DATABASE = "freshguard_secrets_it";
    static final String HEROKU = "heroku-secret-7f3a9c";
    static final String GITHUB = "github-secret-1b2d4e";
    static final String PAPERTRAIL = "papertrail-token-9e8d7c";
    /** The secret being rotated out, configured beside the new one: both are secrets. */
    static final String HEROKU_OLD = "heroku-old-secret-5c1d0a";
    static final String SLACK_HOOK = "T0SLACK/B0HOOK/slackhooksecret4d2";
    static final String FASTLY_TOKEN = "fastly-token-3e9b1c7d";
    static final String CLOUDFLARE_TOKEN = "cloudflare-token-8a2f6e0b";
    static final String CREDENTIAL_PARAMETERS = "access_token=acc3ssTok3nValue&api_key=ap1K3yValue&client-secret=cl13ntS3cret";

    @Test
    void noSecretInTheLogOrAnyAnswer() throws Exception {
        FakeCloudFront cloudfront = new FakeCloudFront();
        int cloudfrontPort = cloudfront.start();
        cloudfront.refuseEverything(new FakeCloudFront.Failure(403, "InvalidClientTokenId",
                "The security token included in the request is invalid."));
        ServiceProcess.freshDatabase(DATABASE);
        List<String> answers = new ArrayList<>();
        // Fastly and Cloudflare refuse the tokens too: their refusals are logged, the tokens never
        FakeFastly fastly = new FakeFastly();
        fastly.start();
        fastly.acceptOnlyToken("fastly-token-rotated-elsewhere");
        FakeCloudflare cloudflare = new FakeCloudflare();
        cloudflare.start();
        cloudflare.acceptOnlyToken("cloudflare-token-rotated-elsewhere");
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "freshguard.fastly.endpoint", fastly.url(),
                "freshguard.fastly.token", FASTLY_TOKEN,
                "freshguard.cloudflare.endpoint", cloudflare.url(),
                "freshguard.cloudflare.token", CLOUDFLARE_TOKEN,
                "freshguard.sites.acme.targets.fast.vendor", "fastly",
                "freshguard.sites.acme.targets.fast.id", "SVCSECRETS",
                "freshguard.sites.acme.targets.fast.host", "127.0.0.1:9",
                "freshguard.sites.acme.targets.zone.vendor", "cloudflare",
                "freshguard.sites.acme.targets.zone.id", "ZSECRETS",
                "freshguard.sites.acme.targets.zone.host", "127.0.0.1:9"));
        config.putAll(Map.of(
                "freshguard.webhooks.heroku.secret", HEROKU_OLD + "," + HEROKU,
                "freshguard.sites.acme.notify.slack.url", "http://127.0.0.1:9/services/" + SLACK_HOOK,
                "freshguard.webhooks.github.secret", GITHUB,
                "freshguard.webhooks.papertrail.token", PAPERTRAIL,
                "freshguard.sites.acme.distribution-id", "EACMESECRETS",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme,papertrail:acme-prod",
                "freshguard.purge.canary-interval", "PT1S",
                "quarkus.http.access-log.enabled", "true",
                "quarkus.log.category.\"io.quarkus.http.access-log\".level", "INFO"));
        ServiceProcess service = new ServiceProcess("secrets", DATABASE, cloudfrontPort, config);
        try (service) {
            service.start();
            String base = service.url("");
            int port = URI.create(base).getPort();
            // papertrail: right token, wrong token, token in a broken URL, broken body
            answers.add(given().formParam("payload", "{\"events\":[]}").post(base + "/webhooks/papertrail?token=" + PAPERTRAIL).asString());
            answers.add(given().formParam("payload", "{}").post(base + "/webhooks/papertrail?token=" + PAPERTRAIL + "x").asString());
            answers.add(RawHttp.send(port, "POST", "/webhooks/papertrail?token=" + PAPERTRAIL + "%E0%A4%A",
                    "Content-Type: application/x-www-form-urlencoded\r\n", "payload=%zz".getBytes(StandardCharsets.US_ASCII)).text());
            answers.add(RawHttp.send(port, "POST", "/webhooks/papertrail?token=" + PAPERTRAIL,
                    "Content-Type: application/x-www-form-urlencoded\r\n", "payload=%zz".getBytes(StandardCharsets.US_ASCII)).text());
            answers.add(given().contentType("text/plain").body("x").post(base + "/webhooks/papertrail?token=" + PAPERTRAIL).asString());
            // signed sources: forged, missing, malformed, too large, wrong type
            byte[] body = "{\"resource\":\"release\"}".getBytes(StandardCharsets.UTF_8);
            answers.add(given().contentType("application/json").header("Heroku-Webhook-Hmac-SHA256", Signatures.heroku(HEROKU, body))
                    .body(body).post(base + "/webhooks/heroku").asString());
            answers.add(given().contentType("application/json").header("Heroku-Webhook-Hmac-SHA256", HEROKU)
                    .body(body).post(base + "/webhooks/heroku").asString());
            answers.add(given().contentType("application/json").header("X-Hub-Signature-256", "sha256=" + GITHUB)
                    .header("X-GitHub-Event", "ping").body("{}").post(base + "/webhooks/github").asString());
            answers.add(given().contentType("application/json").header("X-Hub-Signature-256", Signatures.github(GITHUB, "{x".getBytes()))
                    .header("X-GitHub-Event", "ping").body("{x").post(base + "/webhooks/github").asString());
            answers.add(given().contentType("application/json").body("{\"p\":\"" + "x".repeat(1_100_000) + "\"}")
                    .post(base + "/webhooks/generic").asString());
            answers.add(GenericWebhooks.post(base + "/webhooks/generic", "{}".getBytes(), "t=1,v1=" + Signatures.GENERIC_SECRET).asString());
            // a real deploy, refused by CloudFront with the credentials' error
            GenericWebhooks.deployTo(base, "acme", "secrets-1");
            // audit API: no token, a wrong one, the token in the query, the right one
            answers.add(given().get(base + "/audit/deploys").asString());
            answers.add(given().header("Authorization", "Bearer " + HEROKU).get(base + "/audit/deploys").asString());
            answers.add(given().get(base + "/audit/deploys?token=" + ServiceProcess.AUDIT_TOKEN).asString());
            // credentials by their common parameter names, in a URI the access log prints
            answers.add(given().get(base + "/nowhere?" + CREDENTIAL_PARAMETERS).asString());
            answers.add(given().contentType("application/json").header("Heroku-Webhook-Hmac-SHA256", Signatures.heroku(HEROKU_OLD, body))
                    .body(body).post(base + "/webhooks/heroku").asString());
            answers.add(given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).get(base + "/audit/deploys").asString());
            answers.add(given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).get(base + "/audit/log?limit=500").asString());
            answers.add(given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).get(base + "/audit/deploys/abc").asString());
            Instant until = Instant.now().plus(Duration.ofSeconds(4));
            while (Instant.now().isBefore(until)) {
                Thread.sleep(500);
            }
            answers.add(given().get(service.managementUrl("/q/health")).asString());
            answers.add(given().get(service.managementUrl("/q/metrics")).asString());
            answers.add(given().get(service.managementUrl("/q/openapi")).asString());
        } finally {
            cloudfront.stop();
            fastly.close();
            cloudflare.close();
        }
        String log = Files.readString(Path.of("target", "secrets.log"));
        assertTrue(log.contains("/webhooks/papertrail"), "the access log ran: " + log.length());
        assertTrue(log.contains("InvalidClientTokenId"), "the refusal was logged");
        assertTrue(log.contains("Fastly refuses Freshguard") && log.contains("Cloudflare refuses Freshguard"), "the vendors' refusals were logged");
        assertTrue(log.contains("/nowhere"), "the access log printed the URI");
        for (String secret : List.of(HEROKU, HEROKU_OLD, GITHUB, PAPERTRAIL, Signatures.GENERIC_SECRET, ServiceProcess.AUDIT_TOKEN, ServiceProcess.CI_TOKEN,
                ServiceProcess.CHAIN_KEY, FakeCloudFront.SECRET_KEY, SLACK_HOOK, FASTLY_TOKEN, CLOUDFLARE_TOKEN, "acc3ssTok3nValue", "ap1K3yValue", "cl13ntS3cret")) {
            assertFalse(log.contains(secret), secret + " is in the log");
            for (String answer : answers) {
                assertFalse(answer.contains(secret), secret + " is in an answer: " + answer);
            }
        }
        assertEquals(0, log.lines().filter(l -> l.contains(" 500 ") && l.contains("/webhooks/")).count(), log);
    }
}
