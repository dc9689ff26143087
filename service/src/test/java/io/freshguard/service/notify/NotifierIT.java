package io.freshguard.service.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.service.fakes.FakeReceiver;
import io.freshguard.service.support.CdnSite;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Push, not pull, through the packaged service: CloudFront refuses the keys, and the site's Slack hears of it at once,
 * its GitHub commit turns red, and its webhook receiver, down across a Freshguard restart, gets every notice once it
 * is back (signed as Standard Webhooks, none lost, none twice); the recovery reaches all three.
 */
class NotifierIT {

    static final String DATABASE = "freshguard_notify_it";
    static final String PATH = "/notify/embed.js";
    static final byte[] KEY = "notifier-it-signing-key-32-bytes".getBytes(StandardCharsets.UTF_8);
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyVerdictReachesEveryChannelAcrossARestart() throws Exception {
        try (CdnSite site = CdnSite.start("notice", PATH, "none");
                FakeReceiver hook = new FakeReceiver(204).start();
                FakeReceiver slack = new FakeReceiver(200).start();
                FakeReceiver github = new FakeReceiver(201).start()) {
            Map<String, String> config = site.config("ENOTICEDIST");
            String prefix = "freshguard.sites.notice.notify.";
            config.put(prefix + "webhook.url", hook.url("/hooks/freshguard"));
            config.put(prefix + "webhook.secret", SECRET);
            config.put(prefix + "slack.url", slack.url("/services/T0001/B0001/slackhooksecret"));
            config.put(prefix + "github.repository", "acme/web");
            config.put(prefix + "github.token", "ghp_notifierTestToken");
            config.put("freshguard.notify.github-api-url", github.url("/api"));
            config.put("freshguard.notify.public-url", "https://freshguard.example.com");
            config.put("freshguard.notify.interval", "PT1S");
            config.put("freshguard.notify.retry-base-delay", "PT0.3S");
            config.put("freshguard.notify.retry-max-delay", "PT1S");
            config.put("freshguard.purge.blocked-retry-interval", "PT1S");
            ServiceProcess.freshDatabase(DATABASE);

            String commit = UUID.randomUUID().toString().replace("-", "") + "abcd1234";
            String release = "v" + System.nanoTime();
            // customers keep the old build until an invalidation purges it; CloudFront refuses the keys
            site.cdn.pin(PATH, "/* app release=none */\n");
            site.cdn.publish(PATH, "/* app release=" + release + " */\n");
            site.cloudfront.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
            hook.stop();

            ServiceProcess first = new ServiceProcess("notify", DATABASE, site.cloudfrontPort(), config);
            try (first) {
                first.start();
                String url = first.url("");
                byte[] body = ("{\"site\":\"notice\",\"release\":\"" + release + "\",\"commit\":\"" + commit + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                GenericWebhooks.post(url + "/webhooks/generic", body, Signatures.generic(Signatures.GENERIC_SECRET,
                        Instant.now().getEpochSecond(), body)).then().statusCode(202);

                // Slack hears of the blocked chain and of the refused keys; the commit turns red
                await(() -> types(slack).containsAll(List.of("chain.blocked", "cdn.refused")), "Slack heard of the refusal", slack);
                String blocked = textOf(slack, "BLOCKED");
                assertTrue(blocked.contains("InvalidClientTokenId") && blocked.contains(release), blocked);
                await(() -> states(github, commit).contains("failure"), "the commit status turned failure", github);
                FakeReceiver.Received status = github.received().get(0);
                assertEquals("/api/repos/acme/web/statuses/" + commit, status.path());
                assertEquals("Bearer ghp_notifierTestToken", status.headers().get("authorization"));
                assertEquals("freshguard/cdn-fresh", JSON.readTree(status.body()).get("context").asText());
                // the webhook receiver is down: failures counted, nothing delivered to it yet
                await(() -> metric(first.managementUrl(""), "freshguard_notices_total{channel=\"webhook\",outcome=\"failed\"}") > 0,
                        "failed deliveries are counted", hook);
                assertTrue(hook.received().isEmpty());
            }

            // the receiver comes back while Freshguard restarts: the outbox was in the store all along
            hook.start();
            ServiceProcess second = new ServiceProcess("notify", DATABASE, site.cloudfrontPort(), config);
            try (second) {
                second.start();
                String url = second.url("");
                await(() -> types(hook).containsAll(List.of("chain.blocked", "cdn.refused")), "the webhook got what it missed", hook);

                // the keys are fixed and the purge goes out: FRESH, and every channel hears of the recovery
                site.cdn.unpin(PATH);
                site.cloudfront.heal();
                await(() -> types(hook).containsAll(List.of("chain.recovered", "cdn.recovered")), "the webhook heard of the recovery", hook);
                await(() -> types(slack).contains("chain.recovered"), "Slack heard of the recovery", slack);
                await(() -> states(github, commit).endsWith("success"), "the commit status turned success", github);
                assertTrue(textOf(slack, "FRESH again").contains("https://freshguard.example.com/deploys/"), slack.received().toString());

                // every webhook request is a valid Standard Webhooks signature over its id, timestamp and body; no id twice
                Set<String> ids = new HashSet<>();
                for (FakeReceiver.Received r : hook.received()) {
                    String id = r.headers().get("webhook-id");
                    String expected = "v1," + Base64.getEncoder().encodeToString(hmac(id + "." + r.headers().get("webhook-timestamp")
                            + "." + r.body()));
                    assertEquals(expected, r.headers().get("webhook-signature"), r.toString());
                    assertTrue(ids.add(id), "delivered once: " + id);
                    assertEquals("notice", JSON.readTree(r.body()).at("/data/site").asText());
                }
                // delivered notices are audited, and no credential is in the log
                String log = given().header("Authorization", "Bearer " + ServiceProcess.AUDIT_TOKEN).get(url + "/audit/log?limit=500").asString();
                assertTrue(log.contains("NOTICE_DELIVERED") && log.contains("NOTICE_FAILED"), log);
                String text = first.log() + second.log();
                for (String secret : List.of(SECRET, "slackhooksecret", "ghp_notifierTestToken")) {
                    assertTrue(!text.contains(secret), "the log holds " + secret);
                }
            }
        }
    }

    static byte[] hmac(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> types(FakeReceiver receiver) {
        return receiver.received().stream().map(r -> {
            try {
                JsonNode body = JSON.readTree(r.body());
                if (body.has("type")) {
                    return body.get("type").asText();
                }
                // Slack's message: the summary, whose words say what happened
                String text = body.path("text").asText();
                return text.contains("FRESH again") ? "chain.recovered" : text.contains("is BLOCKED") ? "chain.blocked"
                        : text.contains("refuses Freshguard") ? "cdn.refused" : text.contains("accepts Freshguard again")
                                ? "cdn.recovered" : text;
            } catch (Exception e) {
                return "unreadable";
            }
        }).toList();
    }

    static String textOf(FakeReceiver slack, String containing) {
        return slack.received().stream().map(FakeReceiver.Received::body).filter(b -> b.contains(containing)).findFirst()
                .orElse("none with " + containing + " in " + slack.received());
    }

    static String states(FakeReceiver github, String commit) {
        StringBuilder out = new StringBuilder();
        for (FakeReceiver.Received r : github.received()) {
            if (r.path().endsWith("/statuses/" + commit)) {
                try {
                    out.append(out.length() == 0 ? "" : ",").append(JSON.readTree(r.body()).get("state").asText());
                } catch (Exception e) {
                    out.append(",unreadable");
                }
            }
        }
        return out.toString();
    }

    static double metric(String url, String series) {
        for (String line : given().get(url + "/q/metrics").asString().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    static void await(Supplier<Boolean> condition, String what, FakeReceiver receiver) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 45 s: " + what + "; received " + receiver.received());
    }
}
