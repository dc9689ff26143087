package io.freshguard.probe.health;

import io.freshguard.audit.config.HealthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code asset-freshness} as part of readiness, unless {@code freshguard.health.freshness-in-readiness=false}
 * (then readiness ignores stale assets, and only the {@code freshness} group reports them).
 */
@Readiness
@ApplicationScoped
public class AssetFreshnessReadiness implements HealthCheck {

    private final AssetFreshnessCheck check;
    private final HealthConfig config;

    public AssetFreshnessReadiness(AssetFreshnessCheck check, HealthConfig config) {
        this.check = check;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.freshnessInReadiness()) {
            return HealthCheckResponse.named("asset-freshness").up().withData("inReadiness", false).build();
        }
        return check.check();
    }
}
