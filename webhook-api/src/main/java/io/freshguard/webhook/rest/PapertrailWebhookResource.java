package io.freshguard.webhook.rest;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.webhook.service.FormFields;
import io.freshguard.webhook.service.PapertrailAlertParser;
import io.freshguard.webhook.service.WebhookReceiver;
import io.freshguard.webhook.service.WebhookSignatures;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * The form body and the query are read raw and decoded by {@link FormFields}: the framework's own form decoding
 * answers a broken escape with a 500 whose log line carries the URI, and here the URI holds the token.
 */
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
    public Response receive(byte[] body, HttpServerRequest request) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.PAPERTRAIL, body,
                () -> signatures.verifyPapertrail(FormFields.parse(request.query()).get("token")),
                digest -> parser.parse(FormFields.parse(new String(body, StandardCharsets.ISO_8859_1)).get("payload"), digest)));
    }
}
