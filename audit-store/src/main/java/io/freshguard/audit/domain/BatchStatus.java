package io.freshguard.audit.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where one CreateInvalidation request stands. */
public enum BatchStatus {
    /** Written, not yet accepted by CloudFront (waiting for its turn, capacity or the rate limit). */
    QUEUED,
    /** A wait CloudFront asked for (throttling, too many in progress) or a 5xx/network failure. */
    RETRYING,
    /** CloudFront refused in a way only a human can fix (credentials, permissions, distribution). */
    BLOCKED,
    /** Accepted by CloudFront; followed with GetInvalidation. */
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    /** dry-run: recorded, never sent. */
    DRY_RUN;

    private static final Map<BatchStatus, Set<BatchStatus>> MOVES = Map.of(
            QUEUED, EnumSet.of(RETRYING, BLOCKED, IN_PROGRESS, FAILED, DRY_RUN),
            RETRYING, EnumSet.of(RETRYING, BLOCKED, IN_PROGRESS, FAILED),
            BLOCKED, EnumSet.of(RETRYING, BLOCKED, IN_PROGRESS, FAILED),
            IN_PROGRESS, EnumSet.of(COMPLETED, FAILED));

    public boolean canMoveTo(BatchStatus next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    /** Not yet accepted by CloudFront, so the worker still has to send it. */
    public boolean isUnsent() {
        return this == QUEUED || this == RETRYING || this == BLOCKED;
    }
}
