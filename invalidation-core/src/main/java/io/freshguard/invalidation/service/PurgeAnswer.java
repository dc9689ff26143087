package io.freshguard.invalidation.service;

/** What one call to a CDN's purge API came to, in the terms the worker acts on, whatever the vendor. */
public sealed interface PurgeAnswer {

    /**
     * The purge exists at the CDN (just made, or found again by its reference). CloudFront's invalidations take
     * minutes and are followed until {@code completed}; Fastly's and Cloudflare's purges are done when answered.
     */
    record Accepted(String purgeId, String status, boolean completed) implements PurgeAnswer {
    }

    /** Throttling, too many in progress, 5xx, network: wait and try again with the same reference. */
    record Wait(String code, String message) implements PurgeAnswer {
    }

    /** Credentials, permissions or the target itself: only a human fixes it; retried slowly, readiness DOWN. */
    record Refused(String code, String message) implements PurgeAnswer {
    }

    /** The request itself is wrong (e.g. InvalidArgument); retrying cannot help. */
    record Rejected(String code, String message) implements PurgeAnswer {
    }

    /** Shortens a vendor's message for the audit log and health (they can be whole HTML pages). */
    static String shorten(String message) {
        int max = 300;
        if (message == null) {
            return "";
        }
        return message.length() <= max ? message : message.substring(0, max) + "…";
    }
}
