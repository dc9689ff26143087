package io.freshguard.audit.domain;

import java.util.Collection;
import java.util.Optional;

/**
 * What can happen to a deploy's chain, and the one table of where each event leaves it. The table is total: every
 * event in every status either names the status it proves or says the chain stays (the event is then recorded on
 * the chain, never dropped). Observations win over bookkeeping: a probe pass that saw the build makes the chain FRESH
 * whatever the invalidation's state, and a pass that saw an older build takes FRESH back.
 */
public enum ChainEvent {
    /** Dry-run planned the batch that would have been sent. */
    DRY_RUN_PLANNED,
    /** Served by another deploy's invalidation (a burst). */
    COALESCED,
    /** CloudFront accepted the CreateInvalidation. */
    ACCEPTED,
    /** Throttled, too many in progress, a 5xx or the network: a wait. */
    WAIT,
    /** Credentials, permissions or the distribution: retried slowly until a human fixes it. */
    REFUSED,
    /** A request CloudFront will never accept, or given up after give-up-after. */
    GAVE_UP,
    /** Every deploy batch of the chain is Completed. */
    COMPLETED,
    /** One full probe pass saw the build in every copy at every recent edge of every asset of the site. */
    SEEN_FRESH,
    /** A full probe pass saw an older build somewhere (after the chain's invalidation completed, or after FRESH). */
    SEEN_BEHIND,
    /** The heal budget of the chain is spent and an asset is still behind. */
    HEALS_EXHAUSTED,
    /** A heal is due, but its paths would pass the distribution's monthly budget of billed invalidation paths. */
    OVER_BUDGET,
    /** A later deploy of the site (in deploy order) was recorded. */
    SUPERSEDED;

    /**
     * Where the chain goes when this event happens in {@code current}; empty when it stays. {@code invalidation} is
     * where the chain's own invalidation stands (one of the invalidation-led statuses, INVALIDATED, FAILED or
     * DRY_RUN), needed when FRESH is taken back.
     */
    public Optional<ChainStatus> from(ChainStatus current, ChainStatus invalidation) {
        if (current.isFinal()) {
            return Optional.empty();
        }
        ChainStatus next = switch (this) {
            case DRY_RUN_PLANNED -> current == ChainStatus.RECEIVED ? ChainStatus.DRY_RUN : null;
            case COALESCED -> current == ChainStatus.RECEIVED ? ChainStatus.COALESCED : null;
            case ACCEPTED -> ChainStatus.INVALIDATION_LED.contains(current) ? ChainStatus.REQUESTED : null;
            case WAIT -> ChainStatus.INVALIDATION_LED.contains(current) && current != ChainStatus.REQUESTED
                    ? ChainStatus.RETRYING : null;
            case REFUSED -> ChainStatus.INVALIDATION_LED.contains(current) && current != ChainStatus.REQUESTED
                    ? ChainStatus.BLOCKED : null;
            case GAVE_UP -> ChainStatus.INVALIDATION_LED.contains(current) ? ChainStatus.FAILED : null;
            case COMPLETED -> ChainStatus.INVALIDATION_LED.contains(current) ? ChainStatus.INVALIDATED : null;
            case SEEN_FRESH -> ChainStatus.FRESH;
            case SEEN_BEHIND -> switch (current) {
                // customers had the build and lost it: back to what the invalidation says, or STALE once it is done
                case FRESH -> reopened(invalidation);
                case INVALIDATED, DRY_RUN -> ChainStatus.STALE;
                default -> null;
            };
            case HEALS_EXHAUSTED -> current == ChainStatus.STALE || current == ChainStatus.INVALIDATED
                    ? ChainStatus.HEAL_EXHAUSTED : null;
            case OVER_BUDGET -> current == ChainStatus.STALE || current == ChainStatus.INVALIDATED ? ChainStatus.HEAL_BUDGET : null;
            case SUPERSEDED -> switch (current) {
                // a verdict already given stays the truth about that deploy
                case FRESH, FAILED, HEAL_EXHAUSTED, HEAL_BUDGET -> null;
                default -> ChainStatus.SUPERSEDED;
            };
        };
        return next == null || next == current ? Optional.empty() : Optional.of(next);
    }

    /** An event from the invalidation worker (as opposed to what the probe saw or the site's later deploys). */
    public boolean isInvalidationEvent() {
        return this == ACCEPTED || this == WAIT || this == REFUSED || this == GAVE_UP || this == COMPLETED;
    }

    /**
     * Where a chain's own invalidation stands, from its deploy batches: FAILED when one gave up, INVALIDATED when all
     * completed, else the least advanced of them (BLOCKED before RETRYING before REQUESTED); RECEIVED with none.
     */
    public static ChainStatus invalidationOf(Collection<BatchStatus> deployBatches) {
        if (deployBatches.isEmpty()) {
            return ChainStatus.RECEIVED;
        }
        if (deployBatches.contains(BatchStatus.FAILED)) {
            return ChainStatus.FAILED;
        }
        if (deployBatches.contains(BatchStatus.DRY_RUN)) {
            return ChainStatus.DRY_RUN;
        }
        if (deployBatches.stream().allMatch(b -> b == BatchStatus.COMPLETED)) {
            return ChainStatus.INVALIDATED;
        }
        if (deployBatches.contains(BatchStatus.BLOCKED)) {
            return ChainStatus.BLOCKED;
        }
        if (deployBatches.contains(BatchStatus.RETRYING)) {
            return ChainStatus.RETRYING;
        }
        return deployBatches.contains(BatchStatus.IN_PROGRESS) ? ChainStatus.REQUESTED : ChainStatus.RECEIVED;
    }

    private static ChainStatus reopened(ChainStatus invalidation) {
        if (invalidation == null) {
            return ChainStatus.RECEIVED;
        }
        if (invalidation == ChainStatus.FAILED) {
            // nothing will invalidate it again: the answer is the invalidation's, with its reason
            return ChainStatus.FAILED;
        }
        return ChainStatus.INVALIDATION_LED.contains(invalidation) ? invalidation : ChainStatus.STALE;
    }
}
