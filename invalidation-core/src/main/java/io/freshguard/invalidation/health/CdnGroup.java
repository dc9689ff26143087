package io.freshguard.invalidation.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code /q/health/group/cdn}: the cdn check alone, whatever readiness includes; {@code /q/health/group/cloudfront}
 * answers the same (deprecated: it is where probes looked before other CDNs).
 */
@HealthGroup("cdn")
@HealthGroup("cloudfront")
@ApplicationScoped
public class CdnGroup implements HealthCheck {

    private final CdnCheck check;

    public CdnGroup(CdnCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        return check.check("cdn");
    }
}
