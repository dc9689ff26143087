package io.freshguard.invalidation.health;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code /q/health/group/cloudfront}: the deprecated {@code cloudfront} check alone (CloudFront targets only), where
 * probes and dashboards made before other CDNs look.
 */
@HealthGroup("cloudfront")
@ApplicationScoped
public class CloudFrontGroup implements HealthCheck {

    private final CdnCheck check;

    public CloudFrontGroup(CdnCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        return check.check("cloudfront", CloudFrontReadiness::isCloudFront);
    }
}
