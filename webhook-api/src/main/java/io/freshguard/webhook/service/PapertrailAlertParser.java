package io.freshguard.webhook.service;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.chain.DeployNotice;
import io.freshguard.webhook.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Papertrail search alerts carrying Heroku's own log lines ({@code Release v18 created by user …},
 * {@code Deploy 9154a1d2 by user …}). One alert may cover several sources; each becomes one notice.
 */
@ApplicationScoped
public class PapertrailAlertParser {

    private static final Pattern RELEASE = Pattern.compile("Release (v\\d{1,18}) created by (?:user )?(\\S+)");
    private static final Pattern DEPLOY = Pattern.compile("Deploy ([0-9a-fA-F]{4,40}) by (?:user )?(\\S+)");

    private final ObjectMapper json;
    private final WebhooksConfig.PapertrailSource config;

    public PapertrailAlertParser(ObjectMapper json, WebhooksConfig webhooks) {
        this.config = webhooks.papertrail();
        // Papertrail's own examples carry trailing commas; a sender's quirk is not a malformed deploy
        this.json = json.copy().enable(JsonReadFeature.ALLOW_TRAILING_COMMA.mappedFeature());
    }

    public List<DeployNotice> parse(String payloadField, String payloadSha256) {
        if (payloadField == null || payloadField.isBlank()) {
            throw new MalformedWebhookException("form field 'payload' is required");
        }
        JsonPayload payload = JsonPayload.parse(json, payloadField.getBytes(StandardCharsets.UTF_8));
        JsonNode events = payload.node("events");
        Map<String, Sighting> bySource = new LinkedHashMap<>();
        if (events != null && events.isArray()) {
            for (JsonNode event : events) {
                read(event, bySource);
            }
        }
        List<DeployNotice> notices = new ArrayList<>();
        bySource.forEach((source, s) -> notices.add(new DeployNotice(SourceKind.PAPERTRAIL, source,
                "event:" + s.eventId, s.release, s.commit, s.actor, s.at, null, payloadSha256)));
        if (notices.isEmpty()) {
            String search = payload.text("saved_search", "id");
            String delivery = "search:" + search + ":" + payload.text("min_id") + "-" + payload.text("max_id");
            notices.add(DeployNotice.ignored(SourceKind.PAPERTRAIL, "search:" + search, delivery,
                    "no Heroku release or deploy line in the alert", payloadSha256));
        }
        return notices;
    }

    private void read(JsonNode event, Map<String, Sighting> bySource) {
        String message = event.path("message").asText("");
        String source = event.path("source_name").asText(null);
        // Heroku writes release and deploy lines as its own program; the same words from anything else are not a deploy
        if (source == null || !config.programsFor(source).contains(event.path("program").asText(""))) {
            return;
        }
        Matcher release = RELEASE.matcher(message);
        Matcher deploy = DEPLOY.matcher(message);
        boolean isRelease = release.find();
        boolean isDeploy = !isRelease && deploy.find();
        if (!isRelease && !isDeploy) {
            return;
        }
        Sighting s = bySource.computeIfAbsent(source, k -> new Sighting());
        Matcher m = isRelease ? release : deploy;
        if (isRelease) {
            s.release = m.group(1);
        } else {
            s.commit = m.group(1);
        }
        s.actor = m.group(2);
        // the release line is what makes the build live, so its event names the delivery when there is one
        if (isRelease || s.eventId == null) {
            s.eventId = event.path("id").asText();
            s.at = parseTime(event.path("received_at").asText(null));
        }
    }

    private static Instant parseTime(String value) {
        try {
            Instant at = value == null ? null : OffsetDateTime.parse(value).toInstant();
            // Papertrail's own clock: a time no deploy can have is unknown, not a reason to refuse the whole alert
            return at == null || at.isBefore(Instant.EPOCH) || at.isAfter(Instant.parse("2200-01-01T00:00:00Z")) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final class Sighting {
        String release;
        String commit;
        String actor;
        String eventId;
        Instant at;
    }
}
