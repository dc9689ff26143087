package io.freshguard.probe.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** {@code /q/health/group/freshness}: the asset-freshness check alone. */
@HealthGroup("freshness")
@ApplicationScoped
public class AssetFreshnessGroup implements HealthCheck {

    private final AssetFreshnessCheck check;

    public AssetFreshnessGroup(AssetFreshnessCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        return check.check();
    }
}
