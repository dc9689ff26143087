package io.freshguard.webhook.service;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.chain.DeployIntake;
import io.freshguard.audit.service.chain.DeployNotice;
import io.freshguard.audit.service.chain.FieldOutOfBoundsException;
import io.freshguard.audit.service.chain.IntakeResult;
import io.freshguard.audit.service.log.PayloadDigest;
import io.freshguard.audit.service.runtime.StoreUnavailableException;
import io.freshguard.webhook.config.WebhooksConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The path every webhook takes: size limit, authenticity, parsing, durable intake, counted by outcome. Any
 * failure before intake changes nothing in the store.
 */
@ApplicationScoped
public class WebhookReceiver {

    /** Where senders put a delivery id outside the signed body. */
    private static final List<String> DELIVERY_HEADERS = List.of("X-GitHub-Delivery", "X-Freshguard-Delivery", "Heroku-Webhook-Id", "webhook-id");

    private final WebhooksConfig config;
    private final DeployIntake intake;
    private final MeterRegistry metrics;
    private final CurrentVertxRequest request;

    public WebhookReceiver(WebhooksConfig config, DeployIntake intake, MeterRegistry metrics, CurrentVertxRequest request) {
        this.config = config;
        this.intake = intake;
        this.metrics = metrics;
        this.request = request;
    }

    /**
     * @param authenticate throws {@link UnauthenticatedWebhookException} when the request is not authentic
     * @param parse turns the body (and its digest) into one or more notices
     */
    public List<IntakeResult> receive(SourceKind source, byte[] body, Runnable authenticate,
            Function<String, List<DeployNotice>> parse) {
        try {
            if (body.length > config.maxBodySize().asLongValue()) {
                throw new PayloadTooLargeException(body.length, config.maxBodySize().asLongValue());
            }
            authenticate.run();
            // every notice is made fit for the store first, so a bad one in a batch changes nothing at all
            List<DeployNotice> notices = parse.apply(PayloadDigest.sha256Hex(body)).stream().map(DeployNotice::bounded).toList();
            List<IntakeResult> results = new ArrayList<>(notices.size());
            for (DeployNotice notice : notices) {
                IntakeResult result = intake.take(notice);
                count(source, result.outcome().id());
                results.add(result);
            }
            return results;
        } catch (UnauthenticatedWebhookException e) {
            refused(source, "unauthorized", e);
            throw e;
        } catch (MalformedWebhookException | FieldOutOfBoundsException e) {
            refused(source, "malformed", e);
            throw e;
        } catch (PayloadTooLargeException e) {
            refused(source, "too_large", e);
            throw e;
        } catch (StoreUnavailableException e) {
            count(source, "store_unavailable");
            throw e;
        }
    }

    /**
     * One WARN line per refused webhook, so a rotated secret shows in the log at the first delivery: source, outcome,
     * who sent it and the delivery id when the sender puts one in a header. Never the body or a credential (and the
     * log filter would redact one anyway).
     */
    private void refused(SourceKind source, String outcome, RuntimeException e) {
        count(source, outcome);
        String remote = "-";
        String delivery = "-";
        RoutingContext current = request.getCurrent();
        if (current != null) {
            var http = current.request();
            remote = http.remoteAddress() == null ? "-" : http.remoteAddress().hostAddress();
            String forwarded = http.getHeader("X-Forwarded-For");
            remote = forwarded == null ? remote : remote + " (for " + forwarded + ")";
            for (String header : DELIVERY_HEADERS) {
                if (http.getHeader(header) != null) {
                    delivery = http.getHeader(header);
                    break;
                }
            }
        }
        Log.warnf("Webhook refused: source=%s outcome=%s remote=%s delivery=%s reason=%s", source.id(), outcome, remote,
                oneLine(delivery, 200), oneLine(e.getMessage(), 300));
    }

    private void count(SourceKind source, String outcome) {
        metrics.counter("freshguard.webhooks", "source", source.id(), "outcome", outcome).increment();
    }

    /** A sender-controlled value made safe for one log line: no line breaks (no forged lines), bounded length. */
    static String oneLine(String value, int max) {
        if (value == null) {
            return "-";
        }
        String flat = value.replaceAll("[\\r\\n\\t]", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
