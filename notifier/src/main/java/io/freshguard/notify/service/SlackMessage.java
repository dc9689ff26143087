package io.freshguard.notify.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.config.SitesConfig;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A notice as a Slack incoming-webhook message: its summary, marked by kind, with the link when there is one. */
final class SlackMessage {

    private SlackMessage() {
    }

    static HttpRequest request(SitesConfig.NotifySlack target, NoticeType type, JsonNode notice, ObjectMapper json,
            Duration timeout) {
        JsonNode data = notice.path("data");
        String mark = switch (type) {
            case RECOVERED, CDN_RECOVERED, FRESH -> ":white_check_mark:";
            case STALE, HEAL_EXHAUSTED, HEAL_BUDGET, CDN_TOKEN_EXPIRING -> ":warning:";
            default -> ":rotating_light:";
        };
        String text = mark + " Freshguard: " + data.path("summary").asText() + (data.hasNonNull("link") ? " <" + data.get("link").asText()
                + "|timeline>" : "");
        String body = json.createObjectNode().put("text", text).toString();
        return HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }
}
