package io.freshguard.webhook.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.rest.ApiError;
import io.freshguard.webhook.config.WebhooksConfig;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Enforces {@code freshguard.webhooks.max-body-size} on the declared length, before a byte of the body is read:
 * every sender we know declares {@code Content-Length}. A chunked body without one is held to the same number by the
 * framework limits ({@code quarkus.http.limits.*}, aligned to this property in application.properties).
 */
@ApplicationScoped
public class WebhookBodyLimit {

    /** Before every framework route, including the ones that buffer the body. */
    private static final int ORDER = Integer.MIN_VALUE + 100;

    private final WebhooksConfig config;
    private final ObjectMapper json;

    public WebhookBodyLimit(WebhooksConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        long limit = config.maxBodySize().asLongValue();
        router.route("/webhooks/*").order(ORDER).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = parse(declared);
            if (length > limit) {
                Log.warnf("Webhook refused: source=%s outcome=too_large remote=%s declared=%d limit=%d",
                        ctx.normalizedPath().substring("/webhooks/".length()),
                        ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress(), length, limit);
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(tooLarge(length, limit));
                return;
            }
            ctx.next();
        });
    }

    private String tooLarge(long length, long limit) {
        try {
            return json.writeValueAsString(new ApiError("too_large", "body of " + length
                    + " bytes is over the limit of " + limit + " bytes (freshguard.webhooks.max-body-size)"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ApiError is two strings", e);
        }
    }

    private static long parse(String declared) {
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            // the HTTP layer answers 400 for a malformed Content-Length itself
            return -1;
        }
    }
}
