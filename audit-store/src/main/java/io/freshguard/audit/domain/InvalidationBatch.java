package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One purge request to one CDN target on behalf of a deploy (and the deploys coalesced into it). */
@Entity
@Table(name = "invalidation_batch")
public class InvalidationBatch extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "deploy_id", nullable = false)
    public Long deployId;

    /** Which heal of the chain this is (1, 2, …); null for a deploy's own batch. Unique per chain and target. */
    @Column(name = "heal_attempt")
    public Integer healAttempt;

    /** The purge target, {@code <vendor>:<id>} ({@code cloudfront:E2QWRUHAPOMQZL}, {@code fastly:<service>}, …). */
    @Column(nullable = false)
    public String target;

    /** Sent unchanged on every attempt: CloudFront's idempotency key for this batch (a purge's reference elsewhere). */
    @Column(name = "caller_reference", nullable = false)
    public String callerReference;

    /** What is purged, newline-separated: paths, or the target's surrogate keys or cache tags. */
    @Column(nullable = false)
    public String paths;

    @Column(name = "file_paths", nullable = false)
    public int filePaths;

    @Column(name = "wildcard_paths", nullable = false)
    public int wildcardPaths;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BatchStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BatchPurpose purpose = BatchPurpose.DEPLOY;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** While set and in the future, one worker owns the batch's current attempt. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The vendor's id of the request (CloudFront's invalidation id, Fastly's or Cloudflare's purge id). */
    @Column(name = "purge_id")
    public String purgeId;

    @Column(name = "last_error_code")
    public String lastErrorCode;

    @Column(name = "last_error_message")
    public String lastErrorMessage;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Version
    public long version;

    public List<String> pathList() {
        return Arrays.asList(paths.split("\n"));
    }

    public void moveTo(BatchStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("batch " + id + " cannot move from " + status + " to " + next);
        }
        status = next;
    }
}
