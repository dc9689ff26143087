package io.freshguard.invalidation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** How Freshguard talks to Fastly's API, for sites with a {@code fastly} target: {@code freshguard.fastly.*}. */
@ConfigMapping(prefix = "freshguard.fastly")
public interface FastlyConfig {

    /** Fastly's API (an override for tests). */
    @WithDefault("https://api.fastly.com")
    URI endpoint();

    /** An API token with the {@code purge_select} scope, sent as {@code Fastly-Key}; needed once a site has a Fastly target. */
    Optional<String> token();

    /** Sustained purge requests per second (Fastly does not count purges against its API limit: a courtesy bound). */
    @WithDefault("20")
    double purgeRatePerSecond();

    /** Purge requests that may go out back to back before the sustained rate applies. */
    @WithDefault("100")
    int purgeBurst();
}
