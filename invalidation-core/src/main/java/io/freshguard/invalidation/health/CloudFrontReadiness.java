package io.freshguard.invalidation.health;

import io.freshguard.audit.config.HealthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code cloudfront} as part of readiness, unless {@code freshguard.health.cloudfront-in-readiness=false} (then only
 * the {@code cloudfront} group reports it). Readiness flags trouble; it is never what keeps a webhook out.
 */
@Readiness
@ApplicationScoped
public class CloudFrontReadiness implements HealthCheck {

    private final CloudFrontCheck check;
    private final HealthConfig config;

    public CloudFrontReadiness(CloudFrontCheck check, HealthConfig config) {
        this.check = check;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (!config.cloudfrontInReadiness()) {
            return HealthCheckResponse.named("cloudfront").up().withData("inReadiness", false).build();
        }
        return check.check();
    }
}
