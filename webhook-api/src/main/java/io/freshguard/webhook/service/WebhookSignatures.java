package io.freshguard.webhook.service;

import io.freshguard.webhook.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks each sender's proof of authenticity, always in constant time. */
@ApplicationScoped
public class WebhookSignatures {

    private final WebhooksConfig config;
    private final Clock clock;

    public WebhookSignatures(WebhooksConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void verifyHeroku(byte[] body, String header) {
        secretOrUnsigned("heroku", config.heroku()).ifPresent(secret -> {
            require(header, "Heroku-Webhook-Hmac-SHA256");
            byte[] expected = Base64.getEncoder().encode(hmac(secret, body));
            requireEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII), "Heroku-Webhook-Hmac-SHA256");
        });
    }

    public void verifyGithub(byte[] body, String header) {
        secretOrUnsigned("github", config.github()).ifPresent(secret -> {
            require(header, "X-Hub-Signature-256");
            byte[] expected = ("sha256=" + HexFormat.of().formatHex(hmac(secret, body))).getBytes(StandardCharsets.US_ASCII);
            requireEqual(expected, header.trim().getBytes(StandardCharsets.US_ASCII), "X-Hub-Signature-256");
        });
    }

    public void verifyPapertrail(String token) {
        WebhooksConfig.TokenSource source = config.papertrail();
        if (source.token().isEmpty()) {
            if (!source.allowUnsigned()) {
                throw new UnauthenticatedWebhookException("papertrail webhooks are refused: no freshguard.webhooks.papertrail.token is configured");
            }
            return;
        }
        require(token, "token");
        requireEqual(source.token().get().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8), "token");
    }

    /** {@code t=<unix seconds>,v1=<hex HMAC of "t.body">}; several v1 values are allowed during secret rotation. */
    public void verifyGeneric(byte[] body, String header) {
        Optional<String> secret = secretOrUnsigned("generic", config.generic());
        if (secret.isEmpty()) {
            return;
        }
        require(header, "X-Freshguard-Signature");
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new UnauthenticatedWebhookException("X-Freshguard-Signature must be t=<unix seconds>,v1=<hex hmac>");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new UnauthenticatedWebhookException("X-Freshguard-Signature timestamp is not a number");
        }
        // compared as numbers: an absurd timestamp must be a 401, not an overflow in date arithmetic
        long now = clock.instant().getEpochSecond();
        long tolerance = config.generic().tolerance().toSeconds();
        if (seconds < now - tolerance || seconds > now + tolerance) {
            throw new UnauthenticatedWebhookException("X-Freshguard-Signature timestamp is outside the "
                    + config.generic().tolerance().toMinutes() + " minute window");
        }
        byte[] signed = new byte[timestamp.length() + 1 + body.length];
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] expected = HexFormat.of().formatHex(hmac(secret.get(), signed)).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String candidate : signatures) {
            matched |= MessageDigest.isEqual(expected, candidate.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            throw new UnauthenticatedWebhookException("X-Freshguard-Signature does not match the body");
        }
    }

    private static Optional<String> secretOrUnsigned(String kind, WebhooksConfig.SignedSource source) {
        if (source.secret().isEmpty() && !source.allowUnsigned()) {
            throw new UnauthenticatedWebhookException(kind + " webhooks are refused: no freshguard.webhooks." + kind
                    + ".secret is configured");
        }
        return source.secret();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new UnauthenticatedWebhookException(name + " is missing");
        }
    }

    private static void requireEqual(byte[] expected, byte[] actual, String name) {
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new UnauthenticatedWebhookException(name + " does not match");
        }
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
