package io.freshguard.webhook.rest;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.webhook.service.FormFields;
import io.freshguard.webhook.service.GenericDeployParser;
import io.freshguard.webhook.service.GithubDeploymentParser;
import io.freshguard.webhook.service.HerokuReleaseParser;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * The four deploy senders. The steps they share (limit, authenticate, parse, store, answer) are
 * {@link WebhookReceiver}'s; each endpoint says only what its sender differs in: where its proof of origin travels
 * and how its payload reads.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookReceiver receiver;
    private final WebhookSignatures signatures;
    private final HerokuReleaseParser heroku;
    private final GithubDeploymentParser github;
    private final PapertrailAlertParser papertrail;
    private final GenericDeployParser generic;

    public WebhookResource(WebhookReceiver receiver, WebhookSignatures signatures, HerokuReleaseParser heroku,
            GithubDeploymentParser github, PapertrailAlertParser papertrail, GenericDeployParser generic) {
        this.receiver = receiver;
        this.signatures = signatures;
        this.heroku = heroku;
        this.github = github;
        this.papertrail = papertrail;
        this.generic = generic;
    }

    @POST
    @Path("/heroku")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response heroku(byte[] body, @RestHeader("Heroku-Webhook-Hmac-SHA256") String signature) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.HEROKU, body,
                () -> signatures.verifyHeroku(body, signature),
                digest -> List.of(heroku.parse(body, digest))));
    }

    @POST
    @Path("/github")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response github(byte[] body, @RestHeader("X-Hub-Signature-256") String signature,
            @RestHeader("X-GitHub-Event") String event, @RestHeader("X-GitHub-Delivery") String delivery) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.GITHUB, body,
                () -> signatures.verifyGithub(body, signature),
                digest -> List.of(github.parse(event, delivery, body, digest))));
    }

    /** Papertrail cannot sign: its token travels in the URL, its events in the form field {@code payload}. */
    @POST
    @Path("/papertrail")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response papertrail(byte[] body, HttpServerRequest request) {
        return WebhookAnswer.respond(receiver.receive(SourceKind.PAPERTRAIL, body,
                () -> signatures.verifyPapertrail(FormFields.parse(request.query()).get("token")),
                digest -> papertrail.parse(FormFields.parse(new String(body, StandardCharsets.ISO_8859_1)).get("payload"), digest)));
    }

    @POST
    @Path("/generic")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generic(byte[] body, @RestHeader("X-Freshguard-Signature") String signature,
            @RestHeader("X-Freshguard-Delivery") String delivery, @RestHeader("webhook-id") String webhookId,
            @RestHeader("webhook-timestamp") String webhookTimestamp, @RestHeader("webhook-signature") String webhookSignature) {
        // a Standard Webhooks sender signs the id with the body: it is the delivery id a redelivery repeats
        boolean standard = webhookSignature != null && signature == null;
        return WebhookAnswer.respond(receiver.receive(SourceKind.GENERIC, body,
                () -> {
                    if (standard) {
                        signatures.verifyStandardWebhook(body, webhookId, webhookTimestamp, webhookSignature);
                    } else {
                        signatures.verifyGeneric(body, signature);
                    }
                },
                digest -> List.of(generic.parse(standard ? webhookId : delivery, body, digest))));
    }
}
