package io.freshguard.webhook.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.config.AuditConfig;
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

    record Signed(Optional<List<String>> secret, boolean allowUnsigned) implements WebhooksConfig.SignedSource {
    }

    record Generic(Optional<List<String>> secret, boolean allowUnsigned, Duration tolerance) implements WebhooksConfig.GenericSource {
    }

    record Papertrail(Optional<List<String>> token, boolean allowUnsigned) implements WebhooksConfig.PapertrailSource {
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

    record Audit(Optional<List<String>> ciToken) implements AuditConfig {
        public Optional<List<String>> token() {
            return Optional.empty();
        }

        public boolean apiEnabled() {
            return true;
        }

        public Duration sealInterval() {
            return Duration.ofSeconds(1);
        }

        public int sealBatchSize() {
            return 1;
        }

        public Optional<String> chainKey() {
            return Optional.empty();
        }

        public Duration observationRetention() {
            return Duration.ofDays(1);
        }

        public Duration incidentRetention() {
            return Duration.ofDays(1);
        }

        public Duration verifyInterval() {
            return Duration.ofMinutes(5);
        }
    }

    static WebhookSignatures signatures(String... secrets) {
        return signatures(new Audit(Optional.empty()), secrets);
    }

    static WebhookSignatures signatures(Audit audit, String... secrets) {
        Optional<List<String>> s = secrets.length == 0 ? Optional.empty() : Optional.of(List.of(secrets));
        return new WebhookSignatures(new Config(new Signed(s, false), new Signed(s, false), new Papertrail(s, false),
                new Generic(s, false, Duration.ofMinutes(5))), audit, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] hmac(String secret, byte[] data) throws Exception {
        return hmac(secret.getBytes(StandardCharsets.UTF_8), data);
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
        WebhookSignatures none = signatures();
        assertThrows(UnauthenticatedWebhookException.class, () -> none.verifyHeroku(BODY, "anything"));
        assertThrows(UnauthenticatedWebhookException.class, () -> none.verifyPapertrail("anything"));
        WebhookSignatures open = new WebhookSignatures(new Config(new Signed(Optional.empty(), true), new Signed(Optional.empty(), true),
                new Papertrail(Optional.empty(), true), new Generic(Optional.empty(), true, Duration.ofMinutes(5))),
                new Audit(Optional.empty()), Clock.systemUTC());
        assertDoesNotThrow(() -> open.verifyHeroku(BODY, null));
        assertDoesNotThrow(() -> open.verifyGeneric(BODY, null));
        WebhookSignatures token = signatures("tok");
        assertDoesNotThrow(() -> token.verifyPapertrail("tok"));
        assertThrows(UnauthenticatedWebhookException.class, () -> token.verifyPapertrail("tok2"));
        assertThrows(UnauthenticatedWebhookException.class, () -> token.verifyPapertrail(null));
    }

    @Test
    void everySecretOfARotationIsAcceptedAndNoOtherOne() throws Exception {
        WebhookSignatures check = signatures("old-secret", "new-secret");
        for (String secret : List.of("old-secret", "new-secret")) {
            assertDoesNotThrow(() -> check.verifyHeroku(BODY, Base64.getEncoder().encodeToString(hmac(secret, BODY))));
            assertDoesNotThrow(() -> check.verifyGithub(BODY, "sha256=" + HexFormat.of().formatHex(hmac(secret, BODY))));
            assertDoesNotThrow(() -> check.verifyPapertrail(secret));
        }
        assertThrows(UnauthenticatedWebhookException.class,
                () -> check.verifyHeroku(BODY, Base64.getEncoder().encodeToString(hmac("older-secret", BODY))));
        assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyPapertrail("old-secret,new-secret"));
    }

    @Test
    void standardWebhooksSignaturesAsTheSpecificationsLibrariesComputeThem() throws Exception {
        byte[] key = "a 24-byte signing secret".getBytes(StandardCharsets.UTF_8);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        WebhookSignatures check = signatures(secret);
        String t = Long.toString(NOW.getEpochSecond());
        String id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        String good = "v1," + Base64.getEncoder().encodeToString(hmac(key, (id + "." + t + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        assertDoesNotThrow(() -> check.verifyStandardWebhook(BODY, id, t, good));
        assertDoesNotThrow(() -> check.verifyStandardWebhook(BODY, id, t, "v1,AAAA " + good));
        assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyStandardWebhook(BODY, "msg_other", t, good));
        assertThrows(UnauthenticatedWebhookException.class,
                () -> check.verifyStandardWebhook(BODY, id, Long.toString(NOW.getEpochSecond() - 301), good));
        assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyStandardWebhook(BODY, id, t, good.replace("v1,", "v2,")));
        assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyStandardWebhook(BODY, null, t, good));
        assertThrows(UnauthenticatedWebhookException.class, () -> check.verifyStandardWebhook("{}".getBytes(StandardCharsets.UTF_8), id, t, good));
    }

    @Test
    void aCiTokenSignsGenericNoticesButNotTheOtherSources() throws Exception {
        WebhookSignatures check = signatures(new Audit(Optional.of(List.of("ci-token-1"))), "generic-secret");
        long t = NOW.getEpochSecond();
        String byCi = HexFormat.of().formatHex(hmac("ci-token-1", (t + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertDoesNotThrow(() -> check.verifyGeneric(BODY, "t=" + t + ",v1=" + byCi));
        assertThrows(UnauthenticatedWebhookException.class,
                () -> check.verifyHeroku(BODY, Base64.getEncoder().encodeToString(hmac("ci-token-1", BODY))));
    }
}
