package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How deploy chains are told apart and watched: {@code freshguard.chains.*}. */
@ConfigMapping(prefix = "freshguard.chains")
public interface ChainConfig {

    /** A second sender's notice of a site's newest commit within this long joins its chain instead of making another. */
    @WithDefault("PT1H")
    Duration sameCommitWindow();

    /** A chain that has not settled and made no move for this long is reconciled, or flagged stuck. */
    @WithDefault("PT30M")
    Duration stuckAfter();

    /** How often the background check looks for chains that should have moved. */
    @WithDefault("PT1M")
    Duration reconcileInterval();
}
