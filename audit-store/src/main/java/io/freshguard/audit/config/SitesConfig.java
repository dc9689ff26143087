package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sites whose assets are hotlinked: {@code freshguard.sites.<site>.*}. Shared by every module. */
@ConfigMapping(prefix = "freshguard")
public interface SitesConfig {

    /** One entry per site, keyed by the site's name. */
    Map<String, Site> sites();

    interface Site {

        /** The CloudFront distribution that serves the site's assets. */
        String distributionId();

        /** Paths invalidated on every deploy; a trailing {@code *} is a wildcard. */
        List<String> paths();

        /** Deploy sources as {@code kind:key}; when absent, the Heroku app and generic site of the site's own name. */
        Optional<List<String>> sources();

        /** After a deploy, old content is PENDING rather than STALE for this long. */
        @WithDefault("PT15M")
        Duration grace();

        /**
         * Hold the deploy's first invalidation until every asset's origin-url serves the deploy's build, so the CDN
         * cannot re-cache the old build from dynos still running it (needs an origin-url).
         */
        @WithDefault("false")
        boolean invalidateAfterOrigin();

        /** How long invalidate-after-origin waits for the origin; then it invalidates anyway and says so. */
        @WithDefault("PT10M")
        Duration originWait();

        /** Hotlinked assets the probe fetches through the CDN, keyed by asset name. */
        Map<String, Asset> assets();
    }

    interface Asset {

        /** The public CDN URL customers load. */
        String url();

        /** The same file at the origin, fetched to tell an old origin from a stale CDN. */
        Optional<String> originUrl();

        /** Regex with named groups {@code time}, {@code release} and/or {@code commit}; replaces the default marker. */
        Optional<String> marker();
    }
}
