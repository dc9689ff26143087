package io.freshguard.probe.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the health endpoints report: {@code freshguard.health.*}. */
@ConfigMapping(prefix = "freshguard.health")
public interface HealthConfig {

    /** Whether {@code asset-freshness} is part of readiness; it is always in the {@code freshness} group. */
    @WithDefault("true")
    boolean freshnessInReadiness();
}
