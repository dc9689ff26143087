package io.freshguard.notify.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.domain.NoticeChannel;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Flow;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each channel's request as its receiver expects it, and who hears which notice. */
class NoticeRequestsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    record Webhook(String url, String secret) implements SitesConfig.NotifyWebhook {
    }

    record Github(String repository, String token) implements SitesConfig.NotifyGithub {
    }

    @Test
    void aWebhookIsSignedAsStandardWebhooksLibrariesVerifyIt() throws Exception {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        String body = "{\"type\":\"chain.blocked\"}";
        HttpRequest request = SignedWebhook.request(new Webhook("https://hooks.example.com/in", "whsec_"
                + Base64.getEncoder().encodeToString(key)), "fg.deploy.7.chain.blocked.1", body, Instant.ofEpochSecond(1_700_000_000),
                Duration.ofSeconds(5));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(("fg.deploy.7.chain.blocked.1.1700000000." + body)
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, request.headers().firstValue("webhook-signature").orElseThrow());
        assertEquals("fg.deploy.7.chain.blocked.1", request.headers().firstValue("webhook-id").orElseThrow());
        assertEquals("1700000000", request.headers().firstValue("webhook-timestamp").orElseThrow());
        assertEquals(body, bodyOf(request));
    }

    @Test
    void aCommitStatusNamesItsContextAndKeepsGithubsDescriptionLimit() throws Exception {
        JsonNode notice = JSON.readTree("{\"type\":\"chain.blocked\",\"data\":{\"commit\":\"4f9c2a1\",\"summary\":\"" + "x".repeat(300)
                + "\",\"link\":\"https://fg.example.com/deploys/7\"}}");
        HttpRequest request = CommitStatus.request(new Github("acme/web", "ghp_x"), "https://api.github.com/", NoticeType.BLOCKED,
                notice, JSON, Duration.ofSeconds(5));
        assertEquals("https://api.github.com/repos/acme/web/statuses/4f9c2a1", request.uri().toString());
        assertEquals("Bearer ghp_x", request.headers().firstValue("Authorization").orElseThrow());
        JsonNode sent = JSON.readTree(bodyOf(request));
        assertEquals("failure", sent.get("state").asText());
        assertEquals("freshguard/cdn-fresh", sent.get("context").asText());
        assertEquals(CommitStatus.DESCRIPTION_MAX, sent.get("description").asText().length());
        assertEquals("https://fg.example.com/deploys/7", sent.get("target_url").asText());
        assertTrue(CommitStatus.isCommit("4f9c2a1") && CommitStatus.isCommit("a".repeat(40)));
        assertFalse(CommitStatus.isCommit("main") || CommitStatus.isCommit("v42") || CommitStatus.isCommit(null));
    }

    @Test
    void peopleHearOfTroubleAndRecoveryAndTheCommitStatusFollowsEveryDeploy() {
        for (NoticeType trouble : NoticeType.TROUBLE) {
            for (NoticeChannel channel : NoticeChannel.values()) {
                assertTrue(trouble.goesTo(channel), trouble + " " + channel);
            }
            assertEquals("failure", trouble.commitState());
        }
        assertFalse(NoticeType.PENDING.goesTo(NoticeChannel.SLACK) || NoticeType.FRESH.goesTo(NoticeChannel.WEBHOOK));
        assertTrue(NoticeType.RECOVERED.goesTo(NoticeChannel.SLACK) && !NoticeType.RECOVERED.goesTo(NoticeChannel.GITHUB));
        assertEquals("success", NoticeType.FRESH.commitState());
        assertEquals(NoticeType.CDN_REFUSED, NoticeType.of("cdn.refused"));
    }

    static String bodyOf(HttpRequest request) {
        List<ByteBuffer> parts = new ArrayList<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            public void onComplete() {
            }
        });
        StringBuilder out = new StringBuilder();
        parts.forEach(b -> out.append(StandardCharsets.UTF_8.decode(b)));
        return out.toString();
    }
}
