package io.freshguard.webhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.chain.DeployNotice;
import jakarta.enterprise.context.ApplicationScoped;

/** The generic endpoint: {@code {site, release, commit, deployedAt, actor}}, every one a deploy. */
@ApplicationScoped
public class GenericDeployParser {

    private final ObjectMapper json;

    public GenericDeployParser(ObjectMapper json) {
        this.json = json;
    }

    public DeployNotice parse(String deliveryHeader, byte[] body, String payloadSha256) {
        JsonPayload payload = JsonPayload.parse(json, body);
        String site = payload.text("site");
        String release = payload.text("release");
        String commit = payload.text("commit");
        if (site == null || site.isBlank()) {
            throw new MalformedWebhookException("site is required");
        }
        if ((release == null || release.isBlank()) && (commit == null || commit.isBlank())) {
            throw new MalformedWebhookException("release or commit is required");
        }
        // without a delivery id, the body itself identifies the delivery: a replay of the same body is a duplicate
        String delivery = deliveryHeader == null || deliveryHeader.isBlank() ? "sha256:" + payloadSha256 : deliveryHeader;
        return new DeployNotice(SourceKind.GENERIC, site, delivery, release, commit, payload.text("actor"),
                payload.instant("deployedAt"), null, payloadSha256);
    }
}
