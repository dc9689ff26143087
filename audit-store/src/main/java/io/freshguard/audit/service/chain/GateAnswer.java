package io.freshguard.audit.service.chain;

import io.freshguard.audit.domain.ChainStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the wait gate answers for a chain, decided by what the chain will settle to rather than by a passing moment:
 * a BLOCKED chain retries by itself, so it refuses only once it has lasted {@code blockedAfter}; a STALE chain is
 * healing, so it refuses only past the site's grace.
 */
public enum GateAnswer {
    FRESH, REFUSED, WAITING;

    public static GateAnswer of(ChainStatus status, Instant since, Instant liveAt, Duration grace, Duration blockedAfter,
            Instant now) {
        return switch (status) {
            case FRESH -> FRESH;
            case FAILED, HEAL_EXHAUSTED, HEAL_BUDGET, SUPERSEDED, IGNORED -> REFUSED;
            case BLOCKED -> now.isBefore(since.plus(blockedAfter)) ? WAITING : REFUSED;
            case STALE -> now.isBefore(liveAt.plus(grace)) ? WAITING : REFUSED;
            default -> WAITING;
        };
    }
}
