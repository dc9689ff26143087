package io.freshguard.invalidation.health;

import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.service.CloudFrontAccess;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code cloudfront}: DOWN while CloudFront refuses our credentials, permissions or a distribution. */
@Readiness
@ApplicationScoped
public class CloudFrontHealthCheck implements HealthCheck {

    private final CloudFrontAccess access;
    private final CloudFrontConfig config;

    public CloudFrontHealthCheck(CloudFrontAccess access, CloudFrontConfig config) {
        this.access = access;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cloudfront").up();
        if (config.dryRun()) {
            return response.withData("dryRun", true).build();
        }
        access.refusals().forEach((distribution, refusal) -> response.down()
                .withData(distribution + ".error", refusal.code())
                .withData(distribution + ".since", refusal.since().toString())
                .withData(distribution + ".message", refusal.message()));
        return response.build();
    }
}
