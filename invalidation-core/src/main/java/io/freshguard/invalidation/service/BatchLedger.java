package io.freshguard.invalidation.service;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.BatchPurpose;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.chain.DeployChain;
import io.freshguard.audit.service.chain.DeployInvalidated;
import io.freshguard.audit.service.chain.InvalidationRequested;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.invalidation.config.PurgeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The transactions around each call to a CDN: take a due batch (leased, so no other worker or replica calls for it
 * meanwhile), then record what the CDN answered, moving the batch and its deploy chain together.
 */
@ApplicationScoped
public class BatchLedger {

    /** What a worker needs to make one call, detached from the transaction that leased it. */
    public record Lease(long batchId, long deployId, String target, String callerReference, List<String> paths,
            String purgeId, int attempt, boolean poll, Instant deployReceivedAt) {
    }

    private final InvalidationBatchRepository batches;
    private final DeployRepository deploys;
    private final PurgeConfig config;
    private final AuditTrail audit;
    private final DeployChain chain;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final CdnAccess access;
    private final Event<DeployInvalidated> invalidated;
    private final Event<InvalidationRequested> requested;

    public BatchLedger(InvalidationBatchRepository batches, DeployRepository deploys, PurgeConfig config,
            AuditTrail audit, DeployChain chain, Clock clock, MeterRegistry metrics, CdnAccess access,
            Event<DeployInvalidated> invalidated, Event<InvalidationRequested> requested) {
        this.batches = batches;
        this.deploys = deploys;
        this.config = config;
        this.audit = audit;
        this.chain = chain;
        this.clock = clock;
        this.metrics = metrics;
        this.access = access;
        this.invalidated = invalidated;
        this.requested = requested;
    }

    /** Leases the next due batch, or gives it up (FAILED) when it has been trying for longer than allowed. */
    @Transactional
    public Optional<Lease> leaseNextDue() {
        Instant now = clock.instant();
        while (true) {
            Optional<InvalidationBatch> due = batches.lockNextDue(now);
            if (due.isEmpty()) {
                return Optional.empty();
            }
            InvalidationBatch batch = due.get();
            DeployRecord deploy = deploys.findById(batch.deployId);
            if (!now.isBefore(deploy.receivedAt.plus(config.giveUpAfter()))) {
                giveUp(batch, deploy, now);
                continue;
            }
            boolean poll = batch.status == BatchStatus.IN_PROGRESS;
            if (!poll) {
                long[] inProgress = batches.inProgressPaths(batch.target);
                if (inProgress[0] + batch.filePaths > InvalidationPaths.MAX_FILE_PATHS
                        || inProgress[1] + batch.wildcardPaths > InvalidationPaths.MAX_WILDCARD_PATHS) {
                    // CloudFront would refuse it: wait for an in-progress batch of this distribution to finish (other
                    // CDNs' purges are done when answered, never in progress)
                    batch.nextAttemptAt = now.plus(config.pollInterval());
                    continue;
                }
                batch.attempts++;
            }
            batch.leaseUntil = now.plus(config.apiTimeout()).plusSeconds(10);
            return Optional.of(new Lease(batch.id, batch.deployId, batch.target, batch.callerReference,
                    batch.pathList(), batch.purgeId, batch.attempts, poll, deploy.receivedAt));
        }
    }

    /** When the earliest batch that is waiting for a retry or a poll becomes due. */
    @Transactional
    public Optional<Instant> nextDueAt() {
        return batches.nextDueAt();
    }

    /** When the longest-waiting due batch that no worker holds became due; empty when the worker is keeping up. */
    @Transactional
    public Optional<Instant> oldestUnattendedDue() {
        return batches.oldestUnattendedDue(clock.instant());
    }

    /** How many batches are not finished (queued, retrying, blocked or in progress). */
    @Transactional
    public long activeBatches() {
        return batches.activeCount();
    }

    /**
     * Recording a call's answer failed (the store, or a row changed under it): hand the batch back so the next tick
     * makes the call again at once instead of waiting out the lease. A create made again carries the same
     * CallerReference, which CloudFront answers with the invalidation it already has.
     */
    @Transactional
    public void release(Lease lease) {
        batches.findByIdOptional(lease.batchId()).ifPresent(batch -> batch.leaseUntil = null);
    }

    /** The rate limiter said not yet: hand the batch back without counting an attempt. */
    @Transactional
    public void postpone(Lease lease, Duration by) {
        InvalidationBatch batch = batches.findById(lease.batchId());
        batch.attempts--;
        batch.leaseUntil = null;
        batch.nextAttemptAt = clock.instant().plus(by);
    }

    @Transactional
    public void recordCreate(Lease lease, PurgeAnswer answer, Duration took) {
        Instant now = clock.instant();
        InvalidationBatch batch = batches.findById(lease.batchId());
        DeployRecord deploy = deploys.findById(lease.deployId());
        batch.leaseUntil = null;
        auditAttempt(lease, false, answer, took);
        if (answer instanceof PurgeAnswer.Accepted a) {
            batch.moveTo(BatchStatus.IN_PROGRESS);
            batch.purgeId = a.purgeId();
            batch.requestedAt = now;
            batch.nextAttemptAt = now.plus(config.pollInterval());
            batch.lastErrorCode = null;
            batch.lastErrorMessage = null;
            access.accepted(lease.target());
            metrics.counter("freshguard.invalidations", "outcome", "created").increment();
            if (batch.purpose == BatchPurpose.DEPLOY && deploy.requestedAt == null) {
                Timer.builder("freshguard.deploy.to.request").register(metrics)
                        .record(Duration.between(deploy.receivedAt, now));
            }
            moveChain(batch, deploy, ChainEvent.ACCEPTED, now, acceptedData(lease, a, batch));
            if (batch.purpose == BatchPurpose.DEPLOY) {
                requested.fire(new InvalidationRequested(deploy.id, deploy.site));
            }
            if (a.completed()) {
                // Fastly and Cloudflare purge at once: nothing to follow
                completed(lease, batch, now);
            }
        } else if (answer instanceof PurgeAnswer.Wait w) {
            failAttempt(batch, BatchStatus.RETRYING, w.code(), w.message(), now.plus(backoff(batch.attempts)));
            metrics.counter("freshguard.invalidations", "outcome", "retried").increment();
            moveChain(batch, deploy, ChainEvent.WAIT, now, Map.of("target", lease.target(), "code", w.code(),
                    "nextAttemptAt", batch.nextAttemptAt.toString()));
        } else if (answer instanceof PurgeAnswer.Refused r) {
            failAttempt(batch, BatchStatus.BLOCKED, r.code(), r.message(), now.plus(config.blockedRetryInterval()));
            access.refused(lease.target(), r, now);
            metrics.counter("freshguard.invalidations", "outcome", "blocked").increment();
            moveChain(batch, deploy, ChainEvent.REFUSED, now, Map.of("target", lease.target(), "code", r.code(), "message", r.message(),
                    "nextAttemptAt", batch.nextAttemptAt.toString()));
        } else if (answer instanceof PurgeAnswer.Rejected r) {
            failAttempt(batch, BatchStatus.FAILED, r.code(), r.message(), now);
            Log.errorf("%s rejected purge batch %d of deploy %d: %s %s", lease.target(), batch.id, deploy.id, r.code(), r.message());
            countFailed(batch);
            moveChain(batch, deploy, ChainEvent.GAVE_UP, now, Map.of("target", lease.target(), "code", r.code(), "message", r.message()));
        }
    }

    @Transactional
    public void recordPoll(Lease lease, PurgeAnswer answer, Duration took) {
        Instant now = clock.instant();
        InvalidationBatch batch = batches.findById(lease.batchId());
        batch.leaseUntil = null;
        if (answer instanceof PurgeAnswer.Accepted a && a.completed()) {
            auditAttempt(lease, true, answer, took);
            access.accepted(lease.target());
            completed(lease, batch, now);
        } else if (answer instanceof PurgeAnswer.Accepted) {
            access.accepted(lease.target());
            batch.nextAttemptAt = now.plus(config.pollInterval());
        } else if (answer instanceof PurgeAnswer.Refused r) {
            auditAttempt(lease, true, answer, took);
            access.refused(lease.target(), r, now);
            batch.nextAttemptAt = now.plus(config.blockedRetryInterval());
        } else {
            auditAttempt(lease, true, answer, took);
            batch.nextAttemptAt = now.plus(config.pollInterval());
        }
    }

    private void completed(Lease lease, InvalidationBatch batch, Instant now) {
        batch.moveTo(BatchStatus.COMPLETED);
        batch.completedAt = now;
        metrics.counter("freshguard.invalidations", "outcome", "completed").increment();
        if (batch.purpose == BatchPurpose.HEAL) {
            healCompleted(batch, deploys.findById(lease.deployId()));
        } else {
            completeChainIfDone(deploys.findById(lease.deployId()), now);
        }
    }

    private static Map<String, Object> acceptedData(Lease lease, PurgeAnswer.Accepted a, InvalidationBatch batch) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", lease.target());
        data.put("purgeId", a.purgeId());
        if (CdnVendor.ofTarget(lease.target()) == CdnVendor.CLOUDFRONT) {
            data.put("cloudfrontId", a.purgeId());
        }
        data.put("batch", batch.id);
        return data;
    }

    /** A heal leaves the chain where it is; the probe, woken here, decides whether customers now get the build. */
    private void healCompleted(InvalidationBatch batch, DeployRecord deploy) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("batch", batch.id);
        data.put("target", batch.target);
        data.put("purgeId", batch.purgeId);
        data.put("paths", batch.pathList());
        chain.record(deploy.id, AuditKind.HEAL_COMPLETED, data);
        metrics.counter("freshguard.heals", "outcome", "completed").increment();
        invalidated.fire(new DeployInvalidated(deploy.id, deploy.site));
    }

    private void completeChainIfDone(DeployRecord deploy, Instant now) {
        boolean allDone = batches.forDeploy(deploy.id).stream().filter(b -> b.purpose == BatchPurpose.DEPLOY)
                .allMatch(b -> b.status == BatchStatus.COMPLETED);
        if (!allDone) {
            return;
        }
        long requestedToCompletedMs = Duration.between(deploy.requestedAt, now).toMillis();
        // the edge may have served the build before CloudFront said Completed: the chain then stays FRESH, and
        // DeployChain keeps both moments
        chain.apply(deploy, ChainEvent.COMPLETED, now, Map.of("requestedToCompletedMs", requestedToCompletedMs));
        Timer.builder("freshguard.deploy.to.invalidated").register(metrics).record(Duration.between(deploy.receivedAt, now));
        invalidated.fire(new DeployInvalidated(deploy.id, deploy.site));
    }

    private void giveUp(InvalidationBatch batch, DeployRecord deploy, Instant now) {
        batch.leaseUntil = null;
        batch.moveTo(BatchStatus.FAILED);
        countFailed(batch);
        Log.errorf("Giving up on invalidation batch %d of deploy %d (site %s) after %s; last error %s",
                batch.id, deploy.id, deploy.site, config.giveUpAfter(), batch.lastErrorCode);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("batch", batch.id);
        data.put("after", config.giveUpAfter().toString());
        data.put("lastErrorCode", batch.lastErrorCode);
        moveChain(batch, deploy, ChainEvent.GAVE_UP, now, data);
    }

    /** A batch that will not be sent again: counted as a failed invalidation, and as a failed heal if it was one. */
    private void countFailed(InvalidationBatch batch) {
        metrics.counter("freshguard.invalidations", "outcome", "failed").increment();
        if (batch.purpose == BatchPurpose.HEAL) {
            metrics.counter("freshguard.heals", "outcome", "failed").increment();
        }
    }

    private void failAttempt(InvalidationBatch batch, BatchStatus status, String code, String message, Instant next) {
        batch.moveTo(status);
        batch.lastErrorCode = code;
        batch.lastErrorMessage = message;
        batch.nextAttemptAt = next;
    }

    /** A deploy batch moves its chain; a heal never does (its attempts are on the batch, its outcome HEAL_*). */
    private void moveChain(InvalidationBatch batch, DeployRecord deploy, ChainEvent event, Instant now, Map<String, ?> data) {
        if (batch.purpose == BatchPurpose.DEPLOY) {
            chain.apply(deploy, event, now, data);
        }
    }

    private void auditAttempt(Lease lease, boolean follow, PurgeAnswer answer, Duration took) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean cloudfront = CdnVendor.ofTarget(lease.target()) == CdnVendor.CLOUDFRONT;
        // CloudFront's own operation names, as its CloudTrail shows them
        data.put("operation", cloudfront ? follow ? "GetInvalidation" : "CreateInvalidation" : follow ? "follow" : "purge");
        data.put("target", lease.target());
        data.put("callerReference", lease.callerReference());
        data.put("attempt", lease.attempt());
        data.put("tookMs", took.toMillis());
        if (answer instanceof PurgeAnswer.Accepted a) {
            data.put("outcome", "accepted");
            data.put("purgeId", a.purgeId());
            data.put("status", a.status());
        } else if (answer instanceof PurgeAnswer.Wait w) {
            error(data, "wait", w.code(), w.message());
        } else if (answer instanceof PurgeAnswer.Refused r) {
            error(data, "refused", r.code(), r.message());
        } else if (answer instanceof PurgeAnswer.Rejected r) {
            error(data, "rejected", r.code(), r.message());
        }
        audit.append(AuditKind.PURGE_ATTEMPT, AuditSubject.batch(lease.batchId()), lease.deployId(), data);
    }

    private static void error(Map<String, Object> data, String outcome, String code, String message) {
        data.put("outcome", outcome);
        data.put("code", code);
        data.put("message", message);
    }

    /** Exponential backoff with full jitter between half and all of the step, capped. */
    private Duration backoff(int attempt) {
        long base = config.retryBaseDelay().toMillis();
        long step = Math.min(config.retryMaxDelay().toMillis(), base << Math.min(20, Math.max(0, attempt - 1)));
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }
}
