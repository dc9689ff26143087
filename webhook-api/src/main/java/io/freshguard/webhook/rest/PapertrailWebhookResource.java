package io.freshguard.webhook.rest;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.webhook.service.PapertrailAlertParser;
import io.freshguard.webhook.service.WebhookReceiver;
import io.freshguard.webhook.service.WebhookSignatures;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/webhooks/papertrail")
public class PapertrailWebhookResource {

    private final WebhookReceiver receiver;
    private final WebhookSignatures signatures;
    private final PapertrailAlertParser parser;

    public PapertrailWebhookResource(WebhookReceiver receiver, WebhookSignatures signatures, PapertrailAlertParser parser) {
        this.receiver = receiver;
        this.signatures = signatures;
        this.parser = parser;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@RestForm String payload, @RestQuery String token) {
        byte[] body = payload == null ? new byte[0] : payload.getBytes(StandardCharsets.UTF_8);
        return WebhookAnswer.respond(receiver.receive(SourceKind.PAPERTRAIL, body,
                () -> signatures.verifyPapertrail(token),
                digest -> parser.parse(payload, digest)));
    }
}
