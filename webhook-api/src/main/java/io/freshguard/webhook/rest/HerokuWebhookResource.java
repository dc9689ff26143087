package io.freshguard.webhook.rest;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.webhook.service.HerokuReleaseParser;
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

@Path("/webhooks/heroku")
public class HerokuWebhookResource {

    private final WebhookReceiver receiver;
    private final WebhookSignatures signatures;
    private final HerokuReleaseParser parser;

    public HerokuWebhookResource(WebhookReceiver receiver, WebhookSignatures signatures, HerokuReleaseParser parser) {
        this.receiver = receiver;
        this.signatures = signatures;
        this.parser = parser;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, @RestHeader("Heroku-Webhook-Hmac-SHA256") String signature) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.HEROKU, body,
                () -> signatures.verifyHeroku(body, signature),
                digest -> List.of(parser.parse(body, digest))));
    }
}
