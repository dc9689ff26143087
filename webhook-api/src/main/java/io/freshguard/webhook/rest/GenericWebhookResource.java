package io.freshguard.webhook.rest;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.webhook.service.GenericDeployParser;
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

@Path("/webhooks/generic")
public class GenericWebhookResource {

    private final WebhookReceiver receiver;
    private final WebhookSignatures signatures;
    private final GenericDeployParser parser;

    public GenericWebhookResource(WebhookReceiver receiver, WebhookSignatures signatures, GenericDeployParser parser) {
        this.receiver = receiver;
        this.signatures = signatures;
        this.parser = parser;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, @RestHeader("X-Freshguard-Signature") String signature,
            @RestHeader("X-Freshguard-Delivery") String delivery) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.GENERIC, body,
                () -> signatures.verifyGeneric(body, signature),
                digest -> List.of(parser.parse(delivery, body, digest))));
    }
}
