package io.freshguard.notify.service;

import io.freshguard.audit.config.CredentialList;
import io.freshguard.audit.config.SitesConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A notice as a Standard Webhooks request: the JSON body, {@code webhook-id} (the message id, the same on every retry,
 * for the receiver to dedupe on), {@code webhook-timestamp} and {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, so any of the specification's libraries verifies it.
 */
final class SignedWebhook {

    private SignedWebhook() {
    }

    static HttpRequest request(SitesConfig.NotifyWebhook target, String messageId, String body, Instant now, Duration timeout) {
        String timestamp = Long.toString(now.getEpochSecond());
        return HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Freshguard")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(target.secret(), messageId + "." + timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(CredentialList.signingKey(secret), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
