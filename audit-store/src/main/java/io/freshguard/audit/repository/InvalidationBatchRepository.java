package io.freshguard.audit.repository;

import io.freshguard.audit.domain.BatchPurpose;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.InvalidationBatch;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class InvalidationBatchRepository implements PanacheRepositoryBase<InvalidationBatch, Long> {

    /** The JPA hint that carries a lock timeout. */
    static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    /** Hibernate's "skip locked" lock timeout ({@code LockOptions.SKIP_LOCKED}): replicas never wait for, or take, each other's rows. */
    static final int SKIP_LOCKED = -2;

    /**
     * Takes the oldest batch that is due and not leased by another worker, locked for the caller's transaction.
     * With PostgreSQL this is {@code FOR UPDATE SKIP LOCKED}.
     */
    public Optional<InvalidationBatch> lockNextDue(Instant now) {
        return find("status in ?1 and nextAttemptAt <= ?2 and (leaseUntil is null or leaseUntil < ?2) order by nextAttemptAt, id",
                List.of(BatchStatus.QUEUED, BatchStatus.RETRYING, BatchStatus.BLOCKED, BatchStatus.IN_PROGRESS), now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(LOCK_TIMEOUT, SKIP_LOCKED)
                .firstResultOptional();
    }

    /**
     * When the earliest unfinished batch can next be taken: its next attempt, or the end of a lease that holds it past
     * that (a worker here or on another replica is calling CloudFront for it, or failed to record the answer).
     */
    public Optional<Instant> nextDueAt() {
        Instant next = getEntityManager().createQuery("select min(case when b.leaseUntil > b.nextAttemptAt"
                        + " then b.leaseUntil else b.nextAttemptAt end) from InvalidationBatch b where b.status in ?1",
                        Instant.class)
                .setParameter(1, List.of(BatchStatus.QUEUED, BatchStatus.RETRYING, BatchStatus.BLOCKED, BatchStatus.IN_PROGRESS))
                .getSingleResult();
        return Optional.ofNullable(next);
    }

    /** When the longest-waiting batch that is due, and leased by no worker, became due: a measure of worker lag. */
    public Optional<Instant> oldestUnattendedDue(Instant now) {
        Instant oldest = getEntityManager().createQuery("select min(b.nextAttemptAt) from InvalidationBatch b"
                        + " where b.status in ?1 and b.nextAttemptAt <= ?2 and (b.leaseUntil is null or b.leaseUntil < ?2)",
                        Instant.class)
                .setParameter(1, List.of(BatchStatus.QUEUED, BatchStatus.RETRYING, BatchStatus.BLOCKED, BatchStatus.IN_PROGRESS))
                .setParameter(2, now)
                .getSingleResult();
        return Optional.ofNullable(oldest);
    }

    /** Batches CloudFront still owes an answer for: waiting to be sent, retrying, blocked or in progress. */
    public long activeCount() {
        return count("status in ?1", List.of(BatchStatus.QUEUED, BatchStatus.RETRYING, BatchStatus.BLOCKED, BatchStatus.IN_PROGRESS));
    }

    public List<InvalidationBatch> forDeploy(long deployId) {
        return list("deployId = ?1 order by id", deployId);
    }

    /** Paths a target (a CloudFront distribution) is still working on: {files, wildcards}. */
    public long[] inProgressPaths(String target) {
        Object[] row = getEntityManager().createQuery(
                "select coalesce(sum(b.filePaths), 0), coalesce(sum(b.wildcardPaths), 0) from InvalidationBatch b"
                        + " where b.target = ?1 and b.status = ?2", Object[].class)
                .setParameter(1, target)
                .setParameter(2, BatchStatus.IN_PROGRESS)
                .getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    /** Paths sent to CloudFront since a moment (billing counts each path, a wildcard as one; other CDNs bill none). */
    public long cloudfrontPathsRequestedSince(Instant since) {
        Number sum = getEntityManager().createQuery(
                "select coalesce(sum(b.filePaths + b.wildcardPaths), 0) from InvalidationBatch b where b.requestedAt >= ?1"
                        + " and b.target like 'cloudfront:%'",
                Number.class).setParameter(1, since).getSingleResult();
        return sum.longValue();
    }

    /**
     * Batches a newly received deploy may join: never sent at all. Once a worker has leased a batch (which counts
     * the attempt before the call), its CreateInvalidation may have reached CloudFront, answered or not, and a retry
     * with its CallerReference returns that earlier invalidation: one created before the joining deploy existed.
     */
    public List<InvalidationBatch> joinableFor(String target) {
        return list("target = ?1 and status = ?2 and attempts = 0 and purgeId is null and purpose = ?3 order by id",
                target, BatchStatus.QUEUED, BatchPurpose.DEPLOY);
    }

    /** The heals of a chain, oldest first. */
    public List<InvalidationBatch> heals(long chainId) {
        return list("deployId = ?1 and purpose = ?2 order by id", chainId, BatchPurpose.HEAL);
    }

    /** The newest heal of the chain that completed at or after {@code since}: the one that ended a stale window. */
    public Optional<Long> healCompletedSince(long chainId, Instant since) {
        return find("deployId = ?1 and purpose = ?2 and status = ?3 and completedAt >= ?4 order by completedAt desc",
                chainId, BatchPurpose.HEAL, BatchStatus.COMPLETED, since).firstResultOptional().map(b -> b.id);
    }
}
