package io.freshguard.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.chain.DeployNotice;
import jakarta.enterprise.context.ApplicationScoped;

/** Heroku app webhooks: a deploy is an {@code api:release} event with status succeeded that is the current release. */
@ApplicationScoped
public class HerokuReleaseParser {

    private final ObjectMapper json;

    public HerokuReleaseParser(ObjectMapper json) {
        this.json = json;
    }

    public DeployNotice parse(byte[] body, String payloadSha256) {
        JsonPayload payload = JsonPayload.parse(json, body);
        String delivery = payload.text("webhook_metadata", "delivery", "id");
        String app = payload.text("data", "app", "name");
        if (delivery == null || delivery.isBlank()) {
            throw new MalformedWebhookException("webhook_metadata.delivery.id is missing");
        }
        if (app == null || app.isBlank()) {
            throw new MalformedWebhookException("data.app.name is missing");
        }
        String resource = payload.text("resource");
        if (!"release".equals(resource)) {
            return DeployNotice.ignored(SourceKind.HEROKU, app, delivery,
                    "resource '" + resource + "' is not a release", payloadSha256);
        }
        String version = payload.text("data", "version");
        String status = payload.text("data", "status");
        String current = payload.text("data", "current");
        if (!"succeeded".equals(status) || !"true".equals(current)) {
            return DeployNotice.ignored(SourceKind.HEROKU, app, delivery,
                    "release v" + version + " has status " + status + " and current " + current, payloadSha256);
        }
        if (version == null) {
            throw new MalformedWebhookException("data.version is missing");
        }
        String actor = payload.text("actor", "email");
        if (actor == null) {
            actor = payload.text("data", "user", "email");
        }
        var liveAt = payload.instant("data", "updated_at");
        return new DeployNotice(SourceKind.HEROKU, app, delivery, "v" + version, payload.text("data", "slug", "commit"),
                actor, liveAt != null ? liveAt : payload.instant("data", "created_at"), null, payloadSha256);
    }
}
