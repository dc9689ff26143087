package io.freshguard.webhook.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.chain.DeployNotice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The senders' real payloads (captured samples) through the parsers, without a server. */
class SenderParsersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static byte[] sample(String name) throws IOException {
        try (InputStream in = SenderParsersTest.class.getResourceAsStream("/samples/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aHerokuReleaseThatSucceededAndIsCurrentIsADeploy() throws IOException {
        DeployNotice notice = new HerokuReleaseParser(JSON).parse(sample("heroku-webhook-api-release-update-real-redacted.json"), "abc");
        assertTrue(notice.isDeploy());
        assertEquals(SourceKind.HEROKU, notice.kind());
        assertEquals("my-app", notice.sourceKey());
        assertEquals("v6644", notice.release());
        assertEquals("ecb8532f-3b9b-4f8a-8eee-14296e0a6784", notice.deliveryId());
    }

    @Test
    void aHerokuReleaseStillPendingIsIgnoredAndOneWithoutDeliveryIsMalformed() {
        byte[] pending = ("{\"resource\":\"release\",\"webhook_metadata\":{\"delivery\":{\"id\":\"d1\"}},"
                + "\"data\":{\"app\":{\"name\":\"my-app\"},\"version\":7,\"status\":\"pending\",\"current\":false}}")
                .getBytes(StandardCharsets.UTF_8);
        DeployNotice notice = new HerokuReleaseParser(JSON).parse(pending, "abc");
        assertFalse(notice.isDeploy());
        assertTrue(notice.ignoreReason().contains("status pending"), notice.ignoreReason());
        assertThrows(MalformedWebhookException.class, () -> new HerokuReleaseParser(JSON).parse(
                "{\"data\":{\"app\":{\"name\":\"x\"}}}".getBytes(StandardCharsets.UTF_8), "abc"));
        assertThrows(MalformedWebhookException.class, () -> new HerokuReleaseParser(JSON).parse(
                "[1,2".getBytes(StandardCharsets.UTF_8), "abc"));
    }

    @Test
    void aGithubDeploymentStatusOfSuccessIsADeployOfRepositoryAtEnvironment() throws IOException {
        DeployNotice notice = new GithubDeploymentParser(JSON).parse("deployment_status", "guid-1",
                sample("github-deployment_status-payload.json"), "abc");
        assertTrue(notice.isDeploy());
        assertEquals("Codertocat/Hello-World@production", notice.sourceKey());
        assertEquals("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", notice.commit());
        DeployNotice ping = new GithubDeploymentParser(JSON).parse("ping", null, "{\"hook_id\":1}".getBytes(StandardCharsets.UTF_8), "abc");
        assertEquals("ping", ping.ignoreReason());
        assertEquals("sha256:abc", ping.deliveryId(), "without a delivery header the body's digest identifies it");
    }
}
