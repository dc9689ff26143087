package io.freshguard.invalidation.service;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.audit.service.site.CdnAccessChanged;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What CloudFront last said about our access to each distribution, from real work and from the canary alike.
 * The {@code cloudfront} readiness check and the {@code freshguard_cloudfront_refused} gauge read it; every change
 * is logged and written to the audit log. The state here follows the store: it changes only once the transaction
 * holding the change's audit entry has committed, so a refusal seen while the store is down is recorded (and
 * shown) the next time it is seen, when the store is back.
 */
@ApplicationScoped
public class CloudFrontAccess {

    public record Refusal(String code, String message, Instant since) {
    }

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Map<String, Instant> canaryChecked = new ConcurrentHashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private final AuditTrail audit;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry metrics;
    private final Event<CdnAccessChanged> changed;

    public CloudFrontAccess(AuditTrail audit, TransactionSynchronizationRegistry transactions, MeterRegistry metrics,
            Event<CdnAccessChanged> changed) {
        this.audit = audit;
        this.transactions = transactions;
        this.metrics = metrics;
        this.changed = changed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refused(String distributionId, CloudFrontAnswer.Refused refusal, Instant at) {
        Refusal previous = refusals.get(distributionId);
        if (previous != null && previous.code().equals(refusal.code())) {
            return;
        }
        Refusal next = new Refusal(refusal.code(), refusal.message(), previous != null ? previous.since() : at);
        audit.append(AuditKind.CLOUDFRONT_REFUSED, AuditSubject.distribution(distributionId), null,
                Map.of("code", refusal.code(), "message", refusal.message()));
        changed.fire(new CdnAccessChanged(distributionId, true, refusal.code(), refusal.message()));
        afterCommit(() -> {
            refusals.put(distributionId, next);
            registerGauge(distributionId, next.code());
            Log.errorf("CloudFront refuses Freshguard for distribution %s: %s %s", distributionId, refusal.code(),
                    refusal.message());
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(String distributionId) {
        Refusal ended = refusals.get(distributionId);
        if (ended != null) {
            audit.append(AuditKind.CLOUDFRONT_ACCEPTED, AuditSubject.distribution(distributionId), null,
                    Map.of("previousCode", ended.code(), "refusedSince", ended.since().toString()));
            changed.fire(new CdnAccessChanged(distributionId, false, ended.code(), "accepted again"));
            afterCommit(() -> {
                if (refusals.remove(distributionId, ended)) {
                    Log.infof("CloudFront accepts Freshguard again for distribution %s (was %s)", distributionId, ended.code());
                }
            });
        }
    }

    public Map<String, Refusal> refusals() {
        return Map.copyOf(refusals);
    }

    /** The canary asked CloudFront about this distribution (whatever it answered). */
    public void canaryChecked(String distributionId, Instant at) {
        canaryChecked.put(distributionId, at);
    }

    /** When this replica's canary last asked about each distribution. */
    public Map<String, Instant> canaryChecks() {
        return Map.copyOf(canaryChecked);
    }

    private void afterCommit(Runnable change) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare: the change is in memory only
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    change.run();
                }
            }
        });
    }

    /** {@code freshguard_cloudfront_refused{distribution,code}}: 1 while that code refuses that distribution, else 0. */
    private void registerGauge(String distributionId, String code) {
        if (gauges.add(distributionId + "\n" + code)) {
            Gauge.builder("freshguard.cloudfront.refused", refusals,
                            r -> r.containsKey(distributionId) && r.get(distributionId).code().equals(code) ? 1 : 0)
                    .tags("distribution", distributionId, "code", code)
                    .description("1 while CloudFront refuses this distribution with this error code")
                    .register(metrics);
        }
    }
}
