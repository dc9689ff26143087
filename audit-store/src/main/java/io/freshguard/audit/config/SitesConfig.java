package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
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

        /**
         * Deprecated: CloudFront distributions as a comma-separated list; each becomes a CloudFront target named by its id.
         * Use {@code targets.<name>.vendor=cloudfront} and {@code targets.<name>.id} instead.
         */
        Optional<List<String>> distributionId();

        /**
         * Where the site's assets are served from and purged on every deploy, keyed by a name of yours: CloudFront
         * distributions, Fastly services, Cloudflare zones. A deploy's chain is INVALIDATED only once every target's
         * purge has finished, and FRESH only once every target's host serves the build.
         */
        Map<String, Target> targets();

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

        /**
         * Where this site's verdicts are pushed ({@code notify.*}: BLOCKED, STALE past grace, HEAL_EXHAUSTED, FAILED,
         * recovery); named so because {@code notify()} is taken by {@link Object}.
         */
        @WithName("notify")
        Notify notices();
    }

    interface Target {

        /** {@code cloudfront}, {@code fastly} or {@code cloudflare}. */
        String vendor();

        /** The CloudFront distribution id, the Fastly service id or the Cloudflare zone id. */
        String id();

        /**
         * The host customers load the assets from on this target ({@code cdn.example.com}); URL purges go to it, and the
         * probe fetches every asset's path on it too. Needed for URL purges on Fastly and Cloudflare.
         */
        Optional<String> host();

        /**
         * What a purge names: {@code url} (the site's paths; on Cloudflare a trailing {@code *} purges a prefix),
         * {@code surrogate-key} (Fastly) or {@code tag} (Cloudflare cache tags), the latter two from {@code keys}.
         */
        @WithDefault("url")
        String purgeBy();

        /** The surrogate keys or cache tags every deploy purges, with {@code purge-by=surrogate-key} or {@code tag}. */
        Optional<List<String>> keys();

        /** Fastly only: mark content stale rather than evict it (the probe then shows when the edge really refetched). */
        @WithDefault("false")
        boolean softPurge();
    }

    interface Notify {

        /** A URL of yours that receives each notice as a JSON POST signed with Standard Webhooks' headers. */
        Optional<NotifyWebhook> webhook();

        /** A Slack incoming webhook that receives each notice as a message. */
        Optional<NotifySlack> slack();

        /** A GitHub repository whose deployed commits get the status {@code freshguard/cdn-fresh}. */
        Optional<NotifyGithub> github();
    }

    interface NotifyWebhook {

        /** The receiver's URL. */
        String url();

        /** The signing secret, {@code whsec_<base64>} as Standard Webhooks' libraries take it (any other text: its bytes). */
        String secret();
    }

    interface NotifySlack {

        /** The incoming webhook URL ({@code https://hooks.slack.com/services/…}); it is a credential. */
        String url();
    }

    interface NotifyGithub {

        /** {@code owner/repo}. */
        String repository();

        /** A token that may write commit statuses on the repository (fine-grained: "Commit statuses: write"). */
        String token();
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
