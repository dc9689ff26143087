package io.freshguard.audit.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a deploy's chain stands: {@code RECEIVED → REQUESTED → INVALIDATED → FRESH}, with the detours the spec
 * names. Which status an event leads to is decided in {@link ChainEvent#from}, and nowhere else.
 */
public enum ChainStatus {
    RECEIVED,
    REQUESTED,
    RETRYING,
    BLOCKED,
    INVALIDATED,
    /** The last full probe pass saw the deploy's build in every copy at every recent edge. */
    FRESH,
    /** Customers get an older build after the invalidation completed (or again after FRESH): healed from here. */
    STALE,
    /** Still behind after the bounded number of heals: a human must look. */
    HEAL_EXHAUSTED,
    /** Still behind, and healing it again would pass the distribution's monthly budget of billed paths: a human decides. */
    HEAL_BUDGET,
    FAILED,
    /** A later deploy of the site (in deploy order) came before this one's build was ever seen: it never will be. */
    SUPERSEDED,
    COALESCED,
    DRY_RUN,
    IGNORED;

    /** Statuses the invalidation worker's answers move (once a probe has judged the chain, they are only recorded). */
    static final Set<ChainStatus> INVALIDATION_LED = EnumSet.of(RECEIVED, REQUESTED, RETRYING, BLOCKED);

    /** The invalidation worker's answers still move it: no probe pass has judged it yet. */
    public boolean isInvalidationLed() {
        return INVALIDATION_LED.contains(this);
    }

    /** A chain that will never move again (COALESCED deploys follow the chain they were folded into). */
    public boolean isFinal() {
        return this == SUPERSEDED || this == COALESCED || this == IGNORED;
    }
}
