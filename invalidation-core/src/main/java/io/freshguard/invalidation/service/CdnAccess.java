package io.freshguard.invalidation.service;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.audit.service.site.CdnAccessChanged;
import io.freshguard.audit.service.site.CdnTokenExpiring;
import io.freshguard.invalidation.config.PurgeConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * What each CDN last said about our access to each purge target, from real work and from the canary alike, and when
 * its token expires where the vendor tells. The {@code cdn} readiness check and the {@code freshguard_cdn_refused}
 * gauge read it; every change is logged and written to the audit log. The state here follows the store: it changes
 * only once the transaction holding the change's audit entry has committed, so a refusal seen while the store is down
 * is recorded (and shown) the next time it is seen, when the store is back.
 */
@ApplicationScoped
public class CdnAccess {

    public record Refusal(String code, String message, Instant since) {
    }

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Map<String, Instant> canaryChecked = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokenExpiries = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private final AuditTrail audit;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry metrics;
    private final Event<CdnAccessChanged> changed;
    private final Event<CdnTokenExpiring> expiring;
    private final PurgeConfig config;
    private final Clock clock;

    public CdnAccess(AuditTrail audit, TransactionSynchronizationRegistry transactions, MeterRegistry metrics,
            Event<CdnAccessChanged> changed, Event<CdnTokenExpiring> expiring, PurgeConfig config, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.metrics = metrics;
        this.changed = changed;
        this.expiring = expiring;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refused(String target, PurgeAnswer.Refused refusal, Instant at) {
        Refusal previous = refusals.get(target);
        if (previous != null && previous.code().equals(refusal.code())) {
            return;
        }
        Refusal next = new Refusal(refusal.code(), refusal.message(), previous != null ? previous.since() : at);
        audit.append(AuditKind.CDN_REFUSED, AuditSubject.target(target), null,
                Map.of("target", target, "code", refusal.code(), "message", refusal.message()));
        changed.fire(new CdnAccessChanged(target, true, refusal.code(), refusal.message()));
        afterCommit(() -> {
            refusals.put(target, next);
            registerRefusedGauge(target, next.code());
            Log.errorf("%s refuses Freshguard for target %s: %s %s", vendorName(target), target, refusal.code(), refusal.message());
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(String target) {
        Refusal ended = refusals.get(target);
        if (ended != null) {
            audit.append(AuditKind.CDN_ACCEPTED, AuditSubject.target(target), null,
                    Map.of("target", target, "previousCode", ended.code(), "refusedSince", ended.since().toString()));
            changed.fire(new CdnAccessChanged(target, false, ended.code(), "accepted again"));
            afterCommit(() -> {
                if (refusals.remove(target, ended)) {
                    Log.infof("%s accepts Freshguard again for target %s (was %s)", vendorName(target), target, ended.code());
                }
            });
        }
    }

    /**
     * The canary read when the target's token expires: within {@code token-expiry-warning} it warns once per target and
     * expiry (a renewed token with a new expiry is a new warning).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tokenExpires(String target, Instant expiresAt) {
        Instant previous = tokenExpiries.put(target, expiresAt);
        if (previous == null) {
            Gauge.builder("freshguard.cdn.token.expiry.timestamp.seconds", tokenExpiries,
                            e -> e.containsKey(target) ? e.get(target).getEpochSecond() : 0)
                    .tags("target", target, "vendor", CdnVendor.ofTarget(target).id())
                    .description("When the CDN says this target's API token expires (Unix seconds)")
                    .register(metrics);
            Gauge.builder("freshguard.cdn.token.expiring", this, a -> a.expiringSoon(target) ? 1 : 0)
                    .tags("target", target, "vendor", CdnVendor.ofTarget(target).id())
                    .description("1 while this target's API token expires within the warning window")
                    .register(metrics);
        }
        if (expiringSoon(target) && warned.add(target + "@" + expiresAt)) {
            long hours = Math.max(0, Duration.between(clock.instant(), expiresAt).toHours());
            audit.append(AuditKind.CDN_TOKEN_EXPIRING, AuditSubject.target(target), null,
                    Map.of("target", target, "expiresAt", expiresAt.toString(), "hoursLeft", hours));
            expiring.fire(new CdnTokenExpiring(target, expiresAt));
            afterCommit(() -> Log.warnf("%s API token of target %s expires at %s (in %d h): replace it before then",
                    vendorName(target), target, expiresAt, hours));
        }
    }

    /** Whether the target's token expires within the warning window (an expired one too, until the vendor refuses it). */
    public boolean expiringSoon(String target) {
        Instant expiresAt = tokenExpiries.get(target);
        return expiresAt != null && !clock.instant().plus(config.tokenExpiryWarning()).isBefore(expiresAt);
    }

    public Map<String, Refusal> refusals() {
        return Map.copyOf(refusals);
    }

    /** When each target's token expires, where the vendor said. */
    public Map<String, Instant> tokenExpiries() {
        return Map.copyOf(tokenExpiries);
    }

    /** The canary asked the CDN about this target (whatever it answered). */
    public void canaryChecked(String target, Instant at) {
        canaryChecked.put(target, at);
    }

    /** When this replica's canary last asked about each target. */
    public Map<String, Instant> canaryChecks() {
        return Map.copyOf(canaryChecked);
    }

    private static String vendorName(String target) {
        return CdnVendor.ofTarget(target).displayName();
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

    /**
     * {@code freshguard_cdn_refused{target,vendor,code}}: 1 while that code refuses that target, else 0; for a CloudFront
     * target also {@code freshguard_cloudfront_refused{distribution,code}}, as dashboards and alerts made before other
     * CDNs read it (deprecated).
     */
    private void registerRefusedGauge(String target, String code) {
        if (gauges.add(target + "\n" + code)) {
            CdnVendor vendor = CdnVendor.ofTarget(target);
            ToDoubleFunction<Map<String, Refusal>> refusedWithCode = r -> r.containsKey(target) && r.get(target).code().equals(code) ? 1 : 0;
            Gauge.builder("freshguard.cdn.refused", refusals, refusedWithCode)
                    .tags("target", target, "vendor", vendor.id(), "code", code)
                    .description("1 while the CDN refuses this target with this error code")
                    .register(metrics);
            if (vendor == CdnVendor.CLOUDFRONT) {
                Gauge.builder("freshguard.cloudfront.refused", refusals, refusedWithCode)
                        .tags("distribution", CdnVendor.idOf(target), "code", code)
                        .description("Deprecated, see freshguard_cdn_refused: 1 while CloudFront refuses this distribution")
                        .register(metrics);
            }
        }
    }
}
