package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the health endpoints report: {@code freshguard.health.*}. Shared by the modules that own checks. */
@ConfigMapping(prefix = "freshguard.health")
public interface HealthConfig {

    /** Whether {@code asset-freshness} is part of readiness; it is always in the {@code freshness} group. */
    @WithDefault("true")
    boolean freshnessInReadiness();

    /**
     * Whether {@code cloudfront} (refused credentials, missing distributions, a stalled worker) is part of readiness;
     * it is always in the {@code cloudfront} group.
     */
    @WithDefault("true")
    boolean cloudfrontInReadiness();
}
