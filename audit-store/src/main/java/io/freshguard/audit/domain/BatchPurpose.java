package io.freshguard.audit.domain;

/** Why an invalidation batch exists. */
public enum BatchPurpose {
    /** Invalidates the paths of one or more deploys; its completion moves their chains to INVALIDATED. */
    DEPLOY,
    /**
     * Invalidates, again, the paths the CDN still serves stale after the deploy's invalidation completed (the origin
     * flipped after the CDN re-cached the old build); it never moves the chain, the probe's next verdict does.
     */
    HEAL
}
