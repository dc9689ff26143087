package io.freshguard.webhook.rest;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.webhook.service.GithubDeploymentParser;
import io.freshguard.webhook.service.WebhookReceiver;
import io.freshguard.webhook.service.WebhookSignatures;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestHeader;

@Path("/webhooks/github")
public class GithubWebhookResource {

    private final WebhookReceiver receiver;
    private final WebhookSignatures signatures;
    private final GithubDeploymentParser parser;

    public GithubWebhookResource(WebhookReceiver receiver, WebhookSignatures signatures, GithubDeploymentParser parser) {
        this.receiver = receiver;
        this.signatures = signatures;
        this.parser = parser;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, @RestHeader("X-Hub-Signature-256") String signature,
            @RestHeader("X-GitHub-Event") String event, @RestHeader("X-GitHub-Delivery") String delivery) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.GITHUB, body,
                () -> signatures.verifyGithub(body, signature),
                digest -> List.of(parser.parse(event, delivery, body, digest))));
    }
}
