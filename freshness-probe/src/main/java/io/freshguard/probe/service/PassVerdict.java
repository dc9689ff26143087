package io.freshguard.probe.service;

import io.freshguard.audit.domain.Freshness;
import java.util.Collection;

/**
 * What one probe pass over every asset of a site proves about its deploy: each asset's verdict is already the worst
 * of its copies (br, gzip, identity) and of every edge seen in the window, so the pass is FRESH only when all are.
 */
public enum PassVerdict {
    /** Every copy of every asset at every recent edge served the deploy's build. */
    FRESH,
    /** Some copy or edge served an older build (within the grace or past it). */
    BEHIND,
    /** Nothing comparable was read somewhere (unreachable), and nothing was seen behind: no proof either way. */
    UNKNOWN;

    public static PassVerdict of(Collection<Freshness> assets) {
        if (assets.isEmpty()) {
            return UNKNOWN;
        }
        if (assets.stream().anyMatch(PassVerdict::isBehind)) {
            return BEHIND;
        }
        return assets.stream().allMatch(s -> s == Freshness.FRESH) ? FRESH : UNKNOWN;
    }

    static boolean isBehind(Freshness state) {
        return state == Freshness.PENDING || state == Freshness.STALE;
    }
}
