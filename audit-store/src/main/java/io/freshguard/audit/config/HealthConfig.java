package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What the health endpoints report: {@code freshguard.health.*}. Shared by the modules that own checks. */
@ConfigMapping(prefix = "freshguard.health")
public interface HealthConfig {

    /** Whether {@code asset-freshness} is part of readiness; it is always in the {@code freshness} group. */
    @WithDefault("true")
    boolean freshnessInReadiness();

    /**
     * Whether {@code cdn} (refused credentials, missing distributions or zones, a stalled worker) is part of readiness;
     * it is always in the {@code cdn} group. Unset: the deprecated {@code cloudfront-in-readiness}, else true.
     */
    Optional<Boolean> cdnInReadiness();

    /** Deprecated name of {@code cdn-in-readiness}, read when that is unset. */
    Optional<Boolean> cloudfrontInReadiness();

    /** Whether {@code cdn} is part of readiness, from the new name or else the deprecated one. */
    default boolean cdnInReadinessOrDefault() {
        return cdnInReadiness().or(this::cloudfrontInReadiness).orElse(true);
    }
}
