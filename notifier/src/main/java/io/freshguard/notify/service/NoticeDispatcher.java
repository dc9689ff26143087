package io.freshguard.notify.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.config.SitesConfig;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.NoticeChannel;
import io.freshguard.audit.domain.NoticeDelivery;
import io.freshguard.audit.domain.NoticeStatus;
import io.freshguard.audit.repository.NoticeDeliveryRepository;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.audit.service.runtime.StoreJob;
import io.freshguard.notify.config.NotifyConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends what the outbox holds: each run claims the due deliveries that head their receiver's line (a lease, so a crash
 * mid-send means a retry, never a loss), sends them together outside any transaction, and records each answer. A
 * failure is retried with backoff until {@code give-up-after}; the message id never changes, so a receiver that got a
 * notice whose answer was lost dedupes the retry.
 */
@ApplicationScoped
public class NoticeDispatcher {

    /** A claimed delivery, read out of its claiming transaction. */
    record Claimed(long id, String messageId, NoticeChannel channel, String site, String event, String body, Instant createdAt,
            int attempts) {
    }

    private final NoticeDeliveryRepository deliveries;
    private final NoticeOutbox outbox;
    private final SitesConfig sites;
    private final NotifyConfig config;
    private final AuditTrail audit;
    private final MeterRegistry metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;

    public NoticeDispatcher(NoticeDeliveryRepository deliveries, NoticeOutbox outbox, SitesConfig sites, NotifyConfig config,
            AuditTrail audit, MeterRegistry metrics, ObjectMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.sites = sites;
        this.config = config;
        this.audit = audit;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        // receivers answer where they are asked: a redirect to elsewhere is a misconfigured URL, not a delivery
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @StoreJob
    @Scheduled(every = "${freshguard.notify.interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        outbox.staleScan();
        dispatch();
    }

    /** One run: claim, send, record. Answers how many deliveries it attempted. */
    public int dispatch() {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<String>> sent = new ArrayList<>(claimed.size());
        for (Claimed delivery : claimed) {
            sent.add(send(delivery));
        }
        for (int i = 0; i < claimed.size(); i++) {
            Claimed delivery = claimed.get(i);
            String error = outcome(sent.get(i));
            QuarkusTransaction.requiringNew().run(() -> record(delivery, error));
        }
        return claimed.size();
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        // long enough for the send and its record; a replica that dies mid-send leaves the row to be retried after it
        Instant leaseEnd = now.plus(config.timeout().multipliedBy(2)).plusSeconds(30);
        List<Claimed> out = new ArrayList<>();
        for (NoticeDelivery d : deliveries.lockDueHeads(now, config.batchSize())) {
            d.attempts++;
            d.nextAttemptAt = leaseEnd;
            out.add(new Claimed(d.id, d.messageId, d.channel, d.site, d.event, d.body, d.createdAt, d.attempts));
        }
        return out;
    }

    /** Sends one delivery; completes with null when the receiver took it (2xx), else with what went wrong. */
    private CompletableFuture<String> send(Claimed delivery) {
        Optional<HttpRequest> request;
        try {
            request = request(delivery);
        } catch (RuntimeException | JsonProcessingException e) {
            return CompletableFuture.completedFuture("the notice could not be prepared: " + e.getClass().getSimpleName());
        }
        if (request.isEmpty()) {
            return CompletableFuture.completedFuture("the site no longer configures " + delivery.channel().name().toLowerCase());
        }
        return http.sendAsync(request.get(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() / 100 == 2 ? null
                        : "HTTP " + response.statusCode() + ": " + oneLine(response.body(), 200))
                .exceptionally(NoticeDispatcher::failure);
    }

    private Optional<HttpRequest> request(Claimed delivery) throws JsonProcessingException {
        SitesConfig.Site site = sites.sites().get(delivery.site());
        if (site == null) {
            return Optional.empty();
        }
        NoticeType type = NoticeType.of(delivery.event());
        JsonNode notice = json.readTree(delivery.body());
        Duration timeout = config.timeout();
        return switch (delivery.channel()) {
            case WEBHOOK -> site.notices().webhook().map(w -> SignedWebhook.request(w, delivery.messageId(), delivery.body(),
                    clock.instant(), timeout));
            case SLACK -> site.notices().slack().map(s -> SlackMessage.request(s, type, notice, json, timeout));
            case GITHUB -> site.notices().github().map(g -> CommitStatus.request(g, config.githubApiUrl(), type, notice, json, timeout));
        };
    }

    private String outcome(CompletableFuture<String> sent) {
        try {
            return sent.get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "no answer: " + e.getClass().getSimpleName();
        }
    }

    private void record(Claimed claimed, String error) {
        NoticeDelivery delivery = deliveries.findById(claimed.id());
        if (delivery == null || delivery.status != NoticeStatus.PENDING) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channel", claimed.channel().name());
        data.put("type", claimed.event());
        data.put("messageId", claimed.messageId());
        data.put("attempts", claimed.attempts());
        if (error == null) {
            delivery.status = NoticeStatus.DELIVERED;
            delivery.deliveredAt = now;
            delivery.lastError = null;
            audit.append(AuditKind.NOTICE_DELIVERED, AuditSubject.notice(delivery.id), delivery.deployId, data);
            count(claimed, "delivered");
            return;
        }
        data.put("error", error);
        delivery.lastError = error.length() <= 500 ? error : error.substring(0, 500);
        if (!now.isBefore(claimed.createdAt().plus(config.giveUpAfter()))) {
            delivery.status = NoticeStatus.GAVE_UP;
            audit.append(AuditKind.NOTICE_GAVE_UP, AuditSubject.notice(delivery.id), delivery.deployId, data);
            count(claimed, "gave_up");
            Log.errorf("Notice %s (%s) to %s of site %s given up after %d attempts: %s", claimed.messageId(), claimed.event(),
                    claimed.channel(), claimed.site(), claimed.attempts(), error);
            return;
        }
        delivery.nextAttemptAt = now.plus(backoff(claimed.attempts()));
        if (claimed.attempts() == 1) {
            // the first failure is audited; the retries that follow are counted and logged, and the outcome audited
            audit.append(AuditKind.NOTICE_FAILED, AuditSubject.notice(delivery.id), delivery.deployId, data);
        }
        count(claimed, "failed");
        Log.warnf("Notice %s (%s) to %s of site %s failed (attempt %d, next at %s): %s", claimed.messageId(), claimed.event(),
                claimed.channel(), claimed.site(), claimed.attempts(), delivery.nextAttemptAt, error);
    }

    /** {@code retry-base-delay} doubled per attempt, at most {@code retry-max-delay}. */
    Duration backoff(int attempts) {
        Duration delay = config.retryBaseDelay();
        for (int i = 1; i < attempts && delay.compareTo(config.retryMaxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.retryMaxDelay()) < 0 ? delay : config.retryMaxDelay();
    }

    private void count(Claimed delivery, String outcome) {
        metrics.counter("freshguard.notices", "channel", delivery.channel().name().toLowerCase(), "outcome", outcome).increment();
    }

    /** Never the URL (a Slack hook is a credential): the kind of failure and its message. */
    private static String failure(Throwable thrown) {
        Throwable cause = thrown.getCause() != null ? thrown.getCause() : thrown;
        return cause.getClass().getSimpleName() + ": " + oneLine(String.valueOf(cause.getMessage()), 200);
    }

    private static String oneLine(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
