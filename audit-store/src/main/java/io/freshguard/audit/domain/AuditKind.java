package io.freshguard.audit.domain;

/** What an audit-log entry records. The stored {@code kind} is the constant's name. */
public enum AuditKind {
    // a deploy's chain arriving at a status (the names of ChainStatus)
    RECEIVED, REQUESTED, RETRYING, BLOCKED, INVALIDATED, FRESH, STALE, FAILED, SUPERSEDED, COALESCED, DRY_RUN, IGNORED,
    HEAL_BUDGET,
    // events on a chain that do not move it
    ORIGIN_READY, ORIGIN_WAIT_TIMED_OUT, HEAL_REQUESTED, HEAL_COMPLETED, HEAL_EXHAUSTED, JOINED, CHAIN_STUCK,
    // purge batches and the CDNs' answers (the CLOUDFRONT_ kinds are kept by entries written before other CDNs)
    BATCH_PLANNED, PURGE_ATTEMPT, CDN_REFUSED, CDN_ACCEPTED, CDN_TOKEN_EXPIRING,
    CLOUDFRONT_ATTEMPT, CLOUDFRONT_REFUSED, CLOUDFRONT_ACCEPTED,
    // what the probe saw
    ASSET_FRESH, ASSET_PENDING, ASSET_STALE, ASSET_UNREACHABLE,
    // notices pushed to people and pipelines
    NOTICE_DELIVERED, NOTICE_FAILED, NOTICE_GAVE_UP,
    // the log itself
    CHAIN_KEYED;

    /** The entry for a chain arriving at {@code status}. */
    public static AuditKind of(ChainStatus status) {
        return valueOf(status.name());
    }

    /** The entry for an event that left the chain where it was (recorded, so no fact is dropped). */
    public static AuditKind of(ChainEvent event) {
        return switch (event) {
            case DRY_RUN_PLANNED -> DRY_RUN;
            case COALESCED -> COALESCED;
            case ACCEPTED -> REQUESTED;
            case WAIT -> RETRYING;
            case REFUSED -> BLOCKED;
            case GAVE_UP -> FAILED;
            case COMPLETED -> INVALIDATED;
            case SEEN_FRESH -> FRESH;
            case SEEN_BEHIND -> STALE;
            case HEALS_EXHAUSTED -> HEAL_EXHAUSTED;
            case OVER_BUDGET -> HEAL_BUDGET;
            case SUPERSEDED -> SUPERSEDED;
        };
    }

    /** The entry for an asset's verdict changing to {@code state}. */
    public static AuditKind of(Freshness state) {
        return valueOf("ASSET_" + state.name());
    }
}
