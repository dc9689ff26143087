package io.freshguard.invalidation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How Freshguard talks to CloudFront: {@code freshguard.cloudfront.*}. */
@ConfigMapping(prefix = "freshguard.cloudfront")
public interface CloudFrontConfig {

    /** Endpoint override (tests, compatible APIs); empty means the real CloudFront endpoint. */
    Optional<URI> endpoint();

    /** Signing region; CloudFront is global and signs in us-east-1. */
    @WithDefault("us-east-1")
    String region();

    /** Record what would be invalidated and call nothing (no canary either). */
    @WithDefault("false")
    boolean dryRun();

    /** How long after a deploy arrives the worker waits for others to the same distribution, to send one batch. */
    @WithDefault("PT2S")
    Duration coalesceWindow();

    /** How often an in-progress invalidation is checked with GetInvalidation. */
    @WithDefault("PT10S")
    Duration pollInterval();

    /** After this long without completion a chain is FAILED. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** How often a BLOCKED batch (refused credentials, permissions, distribution) is tried again. */
    @WithDefault("PT1M")
    Duration blockedRetryInterval();

    /** How often the read-only credential canary runs against every configured distribution. */
    @WithDefault("PT5M")
    Duration canaryInterval();

    /** More paths than this under one prefix in a batch are collapsed into {@code prefix/*}. */
    @WithDefault("50")
    int wildcardThreshold();

    /** Sustained CreateInvalidation calls per second for the whole account (CloudFront allows about 0.5). */
    @WithDefault("0.5")
    double createRatePerSecond();

    /** CreateInvalidation calls that may go out back to back before the sustained rate applies. */
    @WithDefault("3")
    int createBurst();

    /** First retry delay after throttling, a 5xx or a network error; doubled per attempt, with jitter. */
    @WithDefault("PT2S")
    Duration retryBaseDelay();

    /** Upper bound of the retry delay. */
    @WithDefault("PT5M")
    Duration retryMaxDelay();

    /** Time limit of one CloudFront API call, connection included. */
    @WithDefault("PT20S")
    Duration apiTimeout();

    /**
     * Follow-up invalidations per deploy when the CDN still serves an older build after the deploy's invalidation
     * completed (the origin flipped after the CDN re-cached, or the asset is stale past the grace); 0 turns healing off.
     */
    @WithDefault("3")
    int healAttempts();

    /** Wait after a heal completed before the next; it doubles with every further heal of the same deploy. */
    @WithDefault("PT30S")
    Duration healBackoff();

    /**
     * Invalidation paths per distribution and calendar month (UTC) that heals may bring the month's total to (deploy
     * paths count, and always go out); past it a chain stops at HEAL_BUDGET. The default is CloudFront's free tier.
     */
    @WithDefault("1000")
    long monthlyPathBudget();
}
