package io.freshguard.invalidation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is CloudFront's alone: {@code freshguard.cloudfront.*}. The worker settings that were here before other CDNs
 * moved to {@code freshguard.purge.*}; their old names still map (and start-up warns), so no deployment breaks.
 */
@ConfigMapping(prefix = "freshguard.cloudfront")
public interface CloudFrontConfig {

    /** Endpoint override (tests, compatible APIs); empty means the real CloudFront endpoint. */
    Optional<URI> endpoint();

    /** Signing region; CloudFront is global and signs in us-east-1. */
    @WithDefault("us-east-1")
    String region();

    /** More paths than this under one prefix in a batch are collapsed into {@code prefix/*}. */
    @WithDefault("50")
    int wildcardThreshold();

    /** Sustained CreateInvalidation calls per second for the whole account (CloudFront allows about 0.5). */
    @WithDefault("0.5")
    double createRatePerSecond();

    /** CreateInvalidation calls that may go out back to back before the sustained rate applies. */
    @WithDefault("3")
    int createBurst();

    /**
     * Invalidation paths per distribution and calendar month (UTC) that heals may bring the month's total to (deploy
     * paths count, and always go out); past it a chain stops at HEAL_BUDGET. The default is CloudFront's free tier.
     */
    @WithDefault("1000")
    long monthlyPathBudget();

    /** Deprecated: {@code freshguard.purge.dry-run}. */
    Optional<Boolean> dryRun();

    /** Deprecated: {@code freshguard.purge.coalesce-window}. */
    Optional<Duration> coalesceWindow();

    /** Deprecated: {@code freshguard.purge.poll-interval}. */
    Optional<Duration> pollInterval();

    /** Deprecated: {@code freshguard.purge.give-up-after}. */
    Optional<Duration> giveUpAfter();

    /** Deprecated: {@code freshguard.purge.blocked-retry-interval}. */
    Optional<Duration> blockedRetryInterval();

    /** Deprecated: {@code freshguard.purge.canary-interval}. */
    Optional<Duration> canaryInterval();

    /** Deprecated: {@code freshguard.purge.retry-base-delay}. */
    Optional<Duration> retryBaseDelay();

    /** Deprecated: {@code freshguard.purge.retry-max-delay}. */
    Optional<Duration> retryMaxDelay();

    /** Deprecated: {@code freshguard.purge.api-timeout}. */
    Optional<Duration> apiTimeout();

    /** Deprecated: {@code freshguard.purge.heal-attempts}. */
    Optional<Integer> healAttempts();

    /** Deprecated: {@code freshguard.purge.heal-backoff}. */
    Optional<Duration> healBackoff();

    /** The deprecated keys set here, each read as its {@code freshguard.purge.} namesake (application.properties). */
    default List<String> deprecatedInUse() {
        Map<String, Optional<?>> keys = new LinkedHashMap<>();
        keys.put("dry-run", dryRun());
        keys.put("coalesce-window", coalesceWindow());
        keys.put("poll-interval", pollInterval());
        keys.put("give-up-after", giveUpAfter());
        keys.put("blocked-retry-interval", blockedRetryInterval());
        keys.put("canary-interval", canaryInterval());
        keys.put("retry-base-delay", retryBaseDelay());
        keys.put("retry-max-delay", retryMaxDelay());
        keys.put("api-timeout", apiTimeout());
        keys.put("heal-attempts", healAttempts());
        keys.put("heal-backoff", healBackoff());
        return keys.entrySet().stream().filter(e -> e.getValue().isPresent())
                .map(e -> "freshguard.cloudfront." + e.getKey() + " (use freshguard.purge." + e.getKey() + ")").toList();
    }
}
