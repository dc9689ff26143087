package io.freshguard.webhook.service;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.config.CredentialList;
import io.freshguard.webhook.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Checks each sender's proof of authenticity, always in constant time, against every configured secret. */
@ApplicationScoped
public class WebhookSignatures {

    private final WebhooksConfig config;
    private final AuditConfig audit;
    private final Clock clock;

    public WebhookSignatures(WebhooksConfig config, AuditConfig audit, Clock clock) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    public void verifyHeroku(byte[] body, String header) {
        List<byte[]> secrets = secretsOrUnsigned("heroku", config.heroku(), List.of());
        if (!secrets.isEmpty()) {
            require(header, "Heroku-Webhook-Hmac-SHA256");
            byte[] given = header.trim().getBytes(StandardCharsets.US_ASCII);
            requireAny(secrets, key -> Base64.getEncoder().encode(CredentialList.hmacSha256(key, body)), List.of(given), "Heroku-Webhook-Hmac-SHA256");
        }
    }

    public void verifyGithub(byte[] body, String header) {
        List<byte[]> secrets = secretsOrUnsigned("github", config.github(), List.of());
        if (!secrets.isEmpty()) {
            require(header, "X-Hub-Signature-256");
            byte[] given = header.trim().getBytes(StandardCharsets.US_ASCII);
            requireAny(secrets, key -> ("sha256=" + HexFormat.of().formatHex(CredentialList.hmacSha256(key, body))).getBytes(StandardCharsets.US_ASCII),
                    List.of(given), "X-Hub-Signature-256");
        }
    }

    public void verifyPapertrail(String token) {
        WebhooksConfig.TokenSource source = config.papertrail();
        if (CredentialList.entries(source.token()).isEmpty()) {
            if (!source.allowUnsigned()) {
                throw new UnauthenticatedWebhookException("papertrail webhooks are refused: no freshguard.webhooks.papertrail.token is configured");
            }
            return;
        }
        require(token, "token");
        if (!CredentialList.matches(source.token(), token)) {
            throw new UnauthenticatedWebhookException("token does not match");
        }
    }

    /**
     * {@code X-Freshguard-Signature: t=<unix seconds>,v1=<hex HMAC of "t.body">}; several v1 values are allowed. Keys:
     * the generic secrets and the CI tokens (a pipeline's one credential both tells of its deploy and waits on it).
     */
    public void verifyGeneric(byte[] body, String header) {
        List<byte[]> secrets = genericKeys();
        if (secrets.isEmpty()) {
            return;
        }
        require(header, "X-Freshguard-Signature");
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                timestamp = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                signatures.add(kv[1].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new UnauthenticatedWebhookException("X-Freshguard-Signature must be t=<unix seconds>,v1=<hex hmac>");
        }
        requireRecent(timestamp, "X-Freshguard-Signature");
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
        requireAny(secrets, key -> HexFormat.of().formatHex(CredentialList.hmacSha256(key, signed)).getBytes(StandardCharsets.US_ASCII), signatures,
                "X-Freshguard-Signature");
    }

    /**
     * Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>} over
     * {@code "id.timestamp.body"}); a {@code whsec_} secret is used base64-decoded, as the specification's libraries do.
     */
    public void verifyStandardWebhook(byte[] body, String id, String timestamp, String header) {
        List<byte[]> secrets = genericKeys();
        if (secrets.isEmpty()) {
            return;
        }
        require(id, "webhook-id");
        require(timestamp, "webhook-timestamp");
        require(header, "webhook-signature");
        if (id.length() > 200 || id.contains(".")) {
            throw new UnauthenticatedWebhookException("webhook-id must be at most 200 characters without a dot");
        }
        requireRecent(timestamp.trim(), "webhook-timestamp");
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.trim().split(" +")) {
            if (part.startsWith("v1,")) {
                signatures.add(part.substring(3).getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (signatures.isEmpty()) {
            throw new UnauthenticatedWebhookException("webhook-signature must hold v1,<base64 hmac>");
        }
        byte[] signed = concat((id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), body);
        requireAny(secrets, key -> Base64.getEncoder().encode(CredentialList.hmacSha256(key, signed)), signatures, "webhook-signature");
    }

    private List<byte[]> genericKeys() {
        return secretsOrUnsigned("generic", config.generic(), CredentialList.entries(audit.ciToken()));
    }

    private void requireRecent(String timestamp, String name) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new UnauthenticatedWebhookException(name + " timestamp is not a number");
        }
        // compared as numbers: an absurd timestamp must be a 401, not an overflow in date arithmetic
        long now = clock.instant().getEpochSecond();
        long tolerance = config.generic().tolerance().toSeconds();
        if (seconds < now - tolerance || seconds > now + tolerance) {
            throw new UnauthenticatedWebhookException(name + " timestamp is outside the "
                    + config.generic().tolerance().toMinutes() + " minute window");
        }
    }

    /**
     * The keys of a source: its configured secrets plus {@code extra}; none when the source may go unsigned, and a
     * refusal when it may not.
     */
    private static List<byte[]> secretsOrUnsigned(String kind, WebhooksConfig.SignedSource source, List<String> extra) {
        List<String> all = new ArrayList<>(CredentialList.entries(source.secret()));
        all.addAll(extra);
        if (all.isEmpty() && !source.allowUnsigned()) {
            throw new UnauthenticatedWebhookException(kind + " webhooks are refused: no freshguard.webhooks." + kind
                    + ".secret is configured");
        }
        return all.stream().map(CredentialList::signingKey).toList();
    }

    /** Checks every key against every given signature, in constant time and without stopping early. */
    private static void requireAny(List<byte[]> keys, Function<byte[], byte[]> expected, List<byte[]> given, String name) {
        boolean matched = false;
        for (byte[] key : keys) {
            byte[] wanted = expected.apply(key);
            for (byte[] candidate : given) {
                matched |= MessageDigest.isEqual(wanted, candidate);
            }
        }
        if (!matched) {
            throw new UnauthenticatedWebhookException(name + " does not match the body");
        }
    }

    private static byte[] concat(byte[] prefix, byte[] body) {
        byte[] out = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new UnauthenticatedWebhookException(name + " is missing");
        }
    }
}
