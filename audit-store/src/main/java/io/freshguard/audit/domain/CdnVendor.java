package io.freshguard.audit.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A CDN Freshguard purges, as named in configuration, in a target ({@code <vendor>:<id>}) and in metrics. */
public enum CdnVendor {
    CLOUDFRONT("CloudFront"), FASTLY("Fastly"), CLOUDFLARE("Cloudflare");

    private final String displayName;

    CdnVendor(String displayName) {
        this.displayName = displayName;
    }

    /** How people write the vendor's name, for logs and notices. */
    public String displayName() {
        return displayName;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CdnVendor> fromId(String id) {
        return Arrays.stream(values()).filter(v -> v.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The vendor of a target key {@code <vendor>:<id>}. */
    public static CdnVendor ofTarget(String target) {
        return fromId(target.substring(0, Math.max(0, target.indexOf(':'))))
                .orElseThrow(() -> new IllegalArgumentException("not a purge target: " + target));
    }

    /** The vendor's own id in a target key {@code <vendor>:<id>} (a CloudFront distribution id, say). */
    public static String idOf(String target) {
        return target.substring(target.indexOf(':') + 1);
    }
}
