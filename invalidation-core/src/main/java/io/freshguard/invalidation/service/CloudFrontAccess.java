package io.freshguard.invalidation.service;

import io.freshguard.audit.service.AuditTrail;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What CloudFront last said about our access to each distribution, from real work and from the canary alike.
 * The {@code cloudfront} readiness check reads it; every change is logged and written to the audit log.
 */
@ApplicationScoped
public class CloudFrontAccess {

    public record Refusal(String code, String message, Instant since) {
    }

    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final AuditTrail audit;

    public CloudFrontAccess(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void refused(String distributionId, CloudFrontAnswer.Refused refusal, Instant at) {
        Refusal previous = refusals.get(distributionId);
        if (previous != null && previous.code().equals(refusal.code())) {
            return;
        }
        refusals.put(distributionId, new Refusal(refusal.code(), refusal.message(), previous != null ? previous.since() : at));
        Log.errorf("CloudFront refuses Freshguard for distribution %s: %s %s", distributionId, refusal.code(), refusal.message());
        audit.append("CLOUDFRONT_REFUSED", "distribution/" + distributionId, null,
                Map.of("code", refusal.code(), "message", refusal.message()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void accepted(String distributionId) {
        Refusal ended = refusals.remove(distributionId);
        if (ended != null) {
            Log.infof("CloudFront accepts Freshguard again for distribution %s (was %s)", distributionId, ended.code());
            audit.append("CLOUDFRONT_ACCEPTED", "distribution/" + distributionId, null,
                    Map.of("previousCode", ended.code(), "refusedSince", ended.since().toString()));
        }
    }

    public Map<String, Refusal> refusals() {
        return Map.copyOf(refusals);
    }
}
