package io.freshguard.invalidation.health;

import io.freshguard.audit.domain.CdnVendor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Deprecated: {@code cloudfront} in readiness beside {@code cdn}, with CloudFront targets only, so that checks and
 * alerts keyed on its name keep working; it follows {@code cdn-in-readiness} like {@code cdn}.
 */
@Readiness
@ApplicationScoped
public class CloudFrontReadiness implements HealthCheck {

    private final CdnCheck check;

    public CloudFrontReadiness(CdnCheck check) {
        this.check = check;
    }

    static boolean isCloudFront(String target) {
        return CdnVendor.ofTarget(target) == CdnVendor.CLOUDFRONT;
    }

    @Override
    public HealthCheckResponse call() {
        return check.inReadiness("cloudfront", CloudFrontReadiness::isCloudFront);
    }
}
