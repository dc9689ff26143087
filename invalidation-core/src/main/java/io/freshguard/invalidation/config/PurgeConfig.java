package io.freshguard.invalidation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the worker purges, on every CDN: {@code freshguard.purge.*}. Each of these was a {@code freshguard.cloudfront.*} key
 * before other CDNs; the shipped application.properties reads the old name when the new one is unset.
 */
@ConfigMapping(prefix = "freshguard.purge")
public interface PurgeConfig {

    /** Record what would be purged and call nothing (no canary either). */
    @WithDefault("false")
    boolean dryRun();

    /** How long after a deploy arrives the worker waits for others to the same targets, to send one batch. */
    @WithDefault("PT2S")
    Duration coalesceWindow();

    /** How often an in-progress CloudFront invalidation is checked with GetInvalidation. */
    @WithDefault("PT10S")
    Duration pollInterval();

    /** After this long without completion a chain is FAILED. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** How often a BLOCKED batch (refused credentials, permissions, distribution or zone) is tried again. */
    @WithDefault("PT1M")
    Duration blockedRetryInterval();

    /** How often the read-only credential canary runs against every configured target. */
    @WithDefault("PT5M")
    Duration canaryInterval();

    /** First retry delay after throttling, a 5xx or a network error; doubled per attempt, with jitter. */
    @WithDefault("PT2S")
    Duration retryBaseDelay();

    /** Upper bound of the retry delay. */
    @WithDefault("PT5M")
    Duration retryMaxDelay();

    /** Time limit of one call to a CDN's API, connection included. */
    @WithDefault("PT20S")
    Duration apiTimeout();

    /**
     * Follow-up purges per deploy when the CDN still serves an older build after the deploy's purge finished (the
     * origin flipped after the CDN re-cached, a purge answered 200 that evicted nothing); 0 turns healing off.
     */
    @WithDefault("3")
    int healAttempts();

    /** Wait after a heal completed before the next; it doubles with every further heal of the same deploy. */
    @WithDefault("PT30S")
    Duration healBackoff();

    /**
     * How long before a CDN API token expires the canary warns (health, metric, audit log, notice), where the vendor
     * tells the expiry (Cloudflare, Fastly; an IAM access key does not).
     */
    @WithDefault("P7D")
    Duration tokenExpiryWarning();
}
