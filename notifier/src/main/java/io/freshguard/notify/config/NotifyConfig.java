package io.freshguard.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How notices leave the outbox: {@code freshguard.notify.*}. Where each site's go is {@code freshguard.sites.<site>.notify.*}. */
@ConfigMapping(prefix = "freshguard.notify")
public interface NotifyConfig {

    /** How often the outbox is looked at for notices due (and STALE chains for ones past their grace). */
    @WithDefault("PT2S")
    Duration interval();

    /** How long one delivery may take (connect and answer) before it counts as failed. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The delay before the first retry of a failed delivery; each further retry doubles it up to retry-max-delay. */
    @WithDefault("PT10S")
    Duration retryBaseDelay();

    /** The longest delay between two attempts of one delivery. */
    @WithDefault("PT15M")
    Duration retryMaxDelay();

    /** A notice still undelivered this long after it was written is given up: audited, counted and logged. */
    @WithDefault("P2D")
    Duration giveUpAfter();

    /** How many deliveries one run sends at most (each site's and channel's line sends one at a time). */
    @WithDefault("20")
    int batchSize();

    /** GitHub's REST API; GitHub Enterprise Server's is {@code https://HOST/api/v3}. */
    @WithDefault("https://api.github.com")
    String githubApiUrl();

    /** Freshguard's public base URL, for links in notices and commit statuses (none when absent). */
    Optional<String> publicUrl();
}
