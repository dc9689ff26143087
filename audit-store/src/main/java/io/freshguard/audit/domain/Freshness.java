package io.freshguard.audit.domain;

/** What customers get for one asset, as the probe sees it. */
public enum Freshness {
    FRESH,
    PENDING,
    STALE,
    UNREACHABLE;

    /** Customers are being served something wrong (subject to the site's grace for UNREACHABLE). */
    public boolean isBad() {
        return this == STALE || this == UNREACHABLE;
    }
}
