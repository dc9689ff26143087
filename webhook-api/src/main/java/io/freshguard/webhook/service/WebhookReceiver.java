package io.freshguard.webhook.service;

import io.freshguard.audit.domain.SourceKind;
import io.freshguard.audit.service.DeployIntake;
import io.freshguard.audit.service.DeployNotice;
import io.freshguard.audit.service.FieldOutOfBoundsException;
import io.freshguard.audit.service.IntakeResult;
import io.freshguard.audit.service.PayloadDigest;
import io.freshguard.audit.service.StoreUnavailableException;
import io.freshguard.webhook.config.WebhooksConfig;
import io.micrometer.core.instrument.MeterRegistry;
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

    private final WebhooksConfig config;
    private final DeployIntake intake;
    private final MeterRegistry metrics;

    public WebhookReceiver(WebhooksConfig config, DeployIntake intake, MeterRegistry metrics) {
        this.config = config;
        this.intake = intake;
        this.metrics = metrics;
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
            count(source, "unauthorized");
            throw e;
        } catch (MalformedWebhookException | FieldOutOfBoundsException e) {
            count(source, "malformed");
            throw e;
        } catch (PayloadTooLargeException e) {
            count(source, "too_large");
            throw e;
        } catch (StoreUnavailableException e) {
            count(source, "store_unavailable");
            throw e;
        }
    }

    private void count(SourceKind source, String outcome) {
        metrics.counter("freshguard.webhooks", "source", source.id(), "outcome", outcome).increment();
    }
}
