package io.freshguard.invalidation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** How Freshguard talks to Cloudflare's API, for sites with a {@code cloudflare} target: {@code freshguard.cloudflare.*}. */
@ConfigMapping(prefix = "freshguard.cloudflare")
public interface CloudflareConfig {

    /** Cloudflare's API v4 (an override for tests). */
    @WithDefault("https://api.cloudflare.com/client/v4")
    URI endpoint();

    /** An API token with Zone / Cache Purge permission, sent as a bearer token; needed once a site has a Cloudflare target. */
    Optional<String> token();

    /**
     * The account an account-owned API token belongs to: the canary then verifies it at
     * {@code /accounts/<id>/tokens/verify}; unset, a user token at {@code /user/tokens/verify}.
     */
    Optional<String> accountId();

    /** Sustained purge requests per minute for the account; the free plan allows 5 (Pro 300, Business 600). */
    @WithDefault("5")
    double purgeRatePerMinute();

    /** Purge requests that may go out back to back before the sustained rate applies (the free plan's bucket is 25). */
    @WithDefault("25")
    int purgeBurst();

    /** URLs, prefixes or tags in one purge request (Cloudflare takes at most 30 on some plans and 100 on others). */
    @WithDefault("30")
    int maxItemsPerRequest();
}
