package io.freshguard.invalidation.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** {@code /q/health/group/cloudfront}: the cloudfront check alone, whatever readiness includes. */
@HealthGroup("cloudfront")
@ApplicationScoped
public class CloudFrontGroup implements HealthCheck {

    private final CloudFrontCheck check;

    public CloudFrontGroup(CloudFrontCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        return check.check();
    }
}
