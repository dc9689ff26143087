package io.freshguard.webhook.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.webhook.config.WebhooksConfig;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each sender's signature scheme as the sender computes it, and every way a request can fail it. */
class WebhookSignaturesTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final byte[] BODY = "{\"site\":\"acme\",\"release\":\"v1\"}".getBytes(StandardCharsets.UTF_8);

    record Signed(Optional<String> secret, boolean allowUnsigned) implements WebhooksConfig.SignedSource {
    }

    record Generic(Optional<String> secret, boolean allowUnsigned, Duration tolerance) implements WebhooksConfig.GenericSource {
    }

    record Papertrail(Optional<String> token, boolean allowUnsigned) implements WebhooksConfig.PapertrailSource {
        public List<String> programs() {
            return List.of("app/api");
        }

        public Map<String, List<String>> sourcePrograms() {
            return Map.of();
        }
    }

    record Config(Signed heroku, Signed github, Papertrail papertrail, Generic generic) implements WebhooksConfig {
        public MemorySize maxBodySize() {
            return new MemorySize(BigInteger.valueOf(1 << 20));
        }
    }

    static WebhookSignatures signatures(String secret) {
        Optional<String> s = Optional.ofNullable(secret);
        return new WebhookSignatures(new Config(new Signed(s, false), new Signed(s, false), new Papertrail(s, false),
                new Generic(s, false, Duration.ofMinutes(5))), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static byte[] hmac(String secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void herokuAndGithubSignaturesAsTheSendersComputeThem() throws Exception {
        WebhookSignatures check = signatures("s3cret");
        assertDoesNotThrow(() -> check.verifyHeroku(BODY, Base64.getEncoder().encodeToString(hmac("s3cret", BODY))));
        assertDoesNotThrow(() -> check.verifyGithub(BODY, "sha256=" + HexFormat.of().formatHex(hmac("s3cret", BODY))));
        assertThrows(UnauthenticatedWebhookException.class,
                () -> check.verifyHeroku(BODY, Base64.getEncoder().encodeToString(hmac("other", BODY))));
        assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyHeroku(BODY, null));
        assertThrows(UnauthenticatedWebhookException.class,
                () -> check.verifyGithub(BODY, "sha1=" + HexFormat.of().formatHex(hmac("s3cret", BODY))));
    }

    @Test
    void genericSignaturesHoldOnlyInsideTheirWindowAndAcceptARotatedSecret() throws Exception {
        WebhookSignatures check = signatures("s3cret");
        long t = NOW.getEpochSecond();
        String good = HexFormat.of().formatHex(hmac("s3cret", (t + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertDoesNotThrow(() -> check.verifyGeneric(BODY, "t=" + t + ",v1=" + good));
        assertDoesNotThrow(() -> check.verifyGeneric(BODY, "t=" + t + ",v1=00ff,v1=" + good.toUpperCase()));
        for (String header : List.of("t=" + (t - 301) + ",v1=" + good, "t=" + t, "v1=" + good, "t=abc,v1=" + good,
                "t=99999999999999999999,v1=" + good, "t=-9223372036854775808,v1=" + good, "t=" + t + ",v1=" + good.replace('a', 'b'))) {
            UnauthenticatedWebhookException e = assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyGeneric(BODY, header), header);
            assertTrue(e.getMessage().startsWith("X-Freshguard-Signature"), e.getMessage());
        }
    }

    @Test
    void noSecretMeansRefusedUnlessUnsignedIsAllowedAndThePapertrailTokenIsCompared() {
        WebhookSignatures none = signatures(null);
        assertThrows(UnauthenticatedWebhookException.class, () -> none.verifyHeroku(BODY, "anything"));
        assertThrows(UnauthenticatedWebhookException.class, () -> none.verifyPapertrail("anything"));
        WebhookSignatures open = new WebhookSignatures(new Config(new Signed(Optional.empty(), true), new Signed(Optional.empty(), true),
                new Papertrail(Optional.empty(), true), new Generic(Optional.empty(), true, Duration.ofMinutes(5))), Clock.systemUTC());
        assertDoesNotThrow(() -> open.verifyHeroku(BODY, null));
        assertDoesNotThrow(() -> open.verifyGeneric(BODY, null));
        WebhookSignatures token = signatures("tok");
        assertDoesNotThrow(() -> token.verifyPapertrail("tok"));
        assertThrows(UnauthenticatedWebhookException.class, () -> token.verifyPapertrail("tok2"));
        assertThrows(UnauthenticatedWebhookException.class, () -> token.verifyPapertrail(null));
    }
}
