package io.freshguard.invalidation.health;

import io.freshguard.audit.config.HealthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code cdn} as part of readiness, unless {@code freshguard.health.cdn-in-readiness=false} (then only the {@code cdn}
 * group reports it). Readiness flags trouble; it is never what keeps a webhook out.
 */
@Readiness
@ApplicationScoped
public class CdnReadiness implements HealthCheck {

    private final CdnCheck check;
    private final HealthConfig config;

    public CdnReadiness(CdnCheck check, HealthConfig config) {
        this.check = check;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.cdnInReadinessOrDefault()) {
            return HealthCheckResponse.named("cdn").up().withData("inReadiness", false).build();
        }
        return check.check("cdn");
    }
}
