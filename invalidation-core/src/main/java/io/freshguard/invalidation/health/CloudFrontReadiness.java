package io.freshguard.invalidation.health;

import io.freshguard.audit.config.HealthConfig;
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
    private final HealthConfig config;

    public CloudFrontReadiness(CdnCheck check, HealthConfig config) {
        this.check = check;
        this.config = config;
    }

    static boolean isCloudFront(String target) {
        return CdnVendor.ofTarget(target) == CdnVendor.CLOUDFRONT;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.cdnInReadinessOrDefault()) {
            return HealthCheckResponse.named("cloudfront").up().withData("inReadiness", false).build();
        }
        return check.check("cloudfront", CloudFrontReadiness::isCloudFront);
    }
}
