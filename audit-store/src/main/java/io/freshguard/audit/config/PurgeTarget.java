package io.freshguard.audit.config;

import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.PurgeBy;
import java.util.List;
import java.util.Optional;

/**
 * One place a site's assets are served from and purged on: a CloudFront distribution, a Fastly service or a Cloudflare
 * zone. Its {@link #key()} names it in the store, the audit log and metrics.
 *
 * @param name the site's name for it ({@code targets.<name>}; the distribution id for a deprecated {@code distribution-id})
 * @param host the host customers load the assets from on this target, when it is not the assets' own
 */
public record PurgeTarget(String name, CdnVendor vendor, String id, Optional<String> host, PurgeBy purgeBy,
        List<String> keys, boolean softPurge) {

    public String key() {
        return key(vendor, id);
    }

    public static String key(CdnVendor vendor, String id) {
        return vendor.id() + ":" + id;
    }

    /** What one deploy purges on this target: the given paths, or the target's keys or tags. */
    public List<String> items(List<String> paths) {
        return purgeBy == PurgeBy.URL ? paths : keys;
    }
}
