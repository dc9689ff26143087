package io.freshguard.invalidation.service;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.domain.CdnVendor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The purge port: what the worker needs of any CDN, with every failure classified into a {@link PurgeAnswer} instead
 * of thrown. One adapter per vendor, each keeping its vendor's request limits.
 */
public interface PurgeGateway {

    /** What the canary learnt: the vendor's answer, and when the credential expires where the vendor says. */
    record AccessCheck(PurgeAnswer answer, Optional<Instant> tokenExpiresAt) {
    }

    CdnVendor vendor();

    /**
     * Shapes what one or more deploys purge on a target into the requests the vendor takes: each vendor's own dedup,
     * collapsing and per-request limits.
     */
    List<List<String>> split(PurgeTarget target, List<String> items);

    /** Sends one purge; {@code reference} is the same on every retry of it (CloudFront's CallerReference). */
    PurgeAnswer purge(PurgeTarget target, String reference, List<String> items);

    /**
     * Asks how a purge the vendor accepted is coming along; by default it is done when answered (Fastly, Cloudflare),
     * and nothing is asked.
     */
    default PurgeAnswer follow(PurgeTarget target, String purgeId) {
        return new PurgeAnswer.Accepted(purgeId, "Completed", true);
    }

    /** The canary: a cheap read-only call that needs the same credentials as the real work. */
    AccessCheck checkAccess(PurgeTarget target);

    /** Items in consecutive requests of at most {@code size} each. */
    static List<List<String>> chunks(List<String> items, int size) {
        List<List<String>> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            parts.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return parts;
    }
}
