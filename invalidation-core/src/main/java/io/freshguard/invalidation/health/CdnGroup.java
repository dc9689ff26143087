package io.freshguard.invalidation.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** {@code /q/health/group/cdn}: the cdn check alone, whatever readiness includes. */
@HealthGroup("cdn")
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
