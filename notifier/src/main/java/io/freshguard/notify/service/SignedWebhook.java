package io.freshguard.notify.service;

import io.freshguard.audit.config.CredentialList;
import io.freshguard.audit.config.SitesConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

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
        return Base64.getEncoder().encodeToString(CredentialList.hmacSha256(CredentialList.signingKey(secret),
                content.getBytes(StandardCharsets.UTF_8)));
    }
}
