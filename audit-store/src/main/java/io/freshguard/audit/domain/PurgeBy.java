package io.freshguard.audit.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a target's purge names: the site's paths (CloudFront always; Fastly and Cloudflare as URLs on the target's host,
 * Cloudflare also a trailing {@code *} as a prefix), or the target's own surrogate keys (Fastly) or cache tags
 * (Cloudflare).
 */
public enum PurgeBy {
    URL, SURROGATE_KEY, TAG;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<PurgeBy> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
