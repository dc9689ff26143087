package io.freshguard.invalidation.health;

import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.service.BatchLedger;
import io.freshguard.invalidation.service.CloudFrontAccess;
import io.freshguard.invalidation.service.InvalidationWorker;
import java.time.Clock;
import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code cloudfront}: DOWN while CloudFront refuses our credentials, permissions or a distribution,
 * and while recorded invalidation work waits with no worker attempting it.
 */
@Readiness
@ApplicationScoped
public class CloudFrontHealthCheck implements HealthCheck {

    /** A batch due for this many poll intervals (or worker heartbeats, if longer) without an attempt: stalled. */
    static final int STALL_INTERVALS = 3;

    private final CloudFrontAccess access;
    private final CloudFrontConfig config;
    private final BatchLedger ledger;
    private final Clock clock;

    public CloudFrontHealthCheck(CloudFrontAccess access, CloudFrontConfig config, BatchLedger ledger, Clock clock) {
        this.access = access;
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
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
        Duration limit = (config.pollInterval().compareTo(InvalidationWorker.HEARTBEAT) > 0
                ? config.pollInterval() : InvalidationWorker.HEARTBEAT).multipliedBy(STALL_INTERVALS);
        try {
            ledger.oldestUnattendedDue().filter(due -> due.plus(limit).isBefore(clock.instant())).ifPresent(due ->
                    // work recorded in the store but not attempted: a hung or dead worker, on every replica
                    response.down().withData("worker", "worker stalled: a batch due since " + due + " has not been attempted"));
        } catch (RuntimeException storeDown) {
            // the database check says the store is down; whether the worker keeps up is unknown until it is back
            response.withData("worker", "unknown while the store is unavailable");
        }
        return response.build();
    }
}
