package io.freshguard.invalidation.health;

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

    public CdnReadiness(CdnCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        return check.inReadiness("cdn", target -> true);
    }
}
