package io.freshguard.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.chain.DeployNotice;
import jakarta.enterprise.context.ApplicationScoped;

/** GitHub webhooks: {@code deployment_status} with state success is a deploy of {@code owner/repo@environment}. */
@ApplicationScoped
public class GithubDeploymentParser {

    private final ObjectMapper json;

    public GithubDeploymentParser(ObjectMapper json) {
        this.json = json;
    }

    public DeployNotice parse(String event, String deliveryHeader, byte[] body, String payloadSha256) {
        if (event == null || event.isBlank()) {
            throw new MalformedWebhookException("X-GitHub-Event is missing");
        }
        JsonPayload payload = JsonPayload.parse(json, body);
        String delivery = deliveryHeader == null || deliveryHeader.isBlank() ? "sha256:" + payloadSha256 : deliveryHeader;
        String repository = payload.text("repository", "full_name");
        if (!"deployment_status".equals(event)) {
            String subject = repository != null ? repository : "hook:" + payload.text("hook_id");
            String reason = "ping".equals(event) ? "ping" : "event '" + event + "' is not a deployment_status";
            return DeployNotice.ignored(SourceKind.GITHUB, subject, delivery, reason, payloadSha256);
        }
        String environment = payload.text("deployment", "environment");
        if (repository == null || environment == null) {
            throw new MalformedWebhookException("repository.full_name and deployment.environment are required");
        }
        String key = repository + "@" + environment;
        String state = payload.text("deployment_status", "state");
        if (!"success".equals(state)) {
            return DeployNotice.ignored(SourceKind.GITHUB, key, delivery, "deployment_status state is " + state, payloadSha256);
        }
        String actor = payload.text("deployment_status", "creator", "login");
        if (actor == null) {
            actor = payload.text("sender", "login");
        }
        return new DeployNotice(SourceKind.GITHUB, key, delivery, payload.text("deployment", "id"),
                payload.text("deployment", "sha"), actor, payload.instant("deployment_status", "created_at"), null,
                payloadSha256);
    }
}
