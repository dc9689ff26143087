package io.freshguard.audit.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a deploy's chain stands: {@code RECEIVED → REQUESTED → INVALIDATED → FRESH}, with the detours the spec
 * names. Every legal move is listed here and nowhere else.
 */
public enum ChainStatus {
    RECEIVED,
    REQUESTED,
    RETRYING,
    BLOCKED,
    INVALIDATED,
    FRESH,
    FAILED,
    COALESCED,
    DRY_RUN,
    IGNORED;

    private static final Map<ChainStatus, Set<ChainStatus>> MOVES = Map.of(
            RECEIVED, EnumSet.of(REQUESTED, RETRYING, BLOCKED, COALESCED, DRY_RUN, FAILED),
            RETRYING, EnumSet.of(REQUESTED, RETRYING, BLOCKED, FAILED),
            BLOCKED, EnumSet.of(REQUESTED, RETRYING, FAILED),
            // the edge can serve the new build before CloudFront reports the invalidation Completed
            REQUESTED, EnumSet.of(INVALIDATED, FRESH, FAILED),
            INVALIDATED, EnumSet.of(FRESH),
            DRY_RUN, EnumSet.of(FRESH));

    public boolean canMoveTo(ChainStatus next) {
        return MOVES.getOrDefault(this, Set.of()).contains(next);
    }

    /** A chain that will not move again (COALESCED deploys follow the chain they were folded into). */
    public boolean isFinal() {
        return !MOVES.containsKey(this);
    }

    /** The invalidation worker still owes this deploy something. */
    public boolean awaitsInvalidation() {
        return this == RECEIVED || this == RETRYING || this == BLOCKED || this == REQUESTED;
    }
}
