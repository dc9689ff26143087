package io.freshguard.invalidation.health;

import io.freshguard.invalidation.config.CloudFrontConfig;
import io.freshguard.invalidation.service.BatchLedger;
import io.freshguard.invalidation.service.CloudFrontAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The {@code cloudfront} check: DOWN while CloudFront refuses our credentials, permissions or a distribution,
 * and while recorded invalidation work waits with no worker attempting it.
 */
@ApplicationScoped
public class CloudFrontCheck {

    /** A batch due for this many poll intervals (or shortest intervals, if longer) without an attempt: stalled. */
    static final int STALL_INTERVALS = 3;
    /** A worker woken for every due batch needs a moment to reach it; a very short poll interval is not the measure. */
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

    private final CloudFrontAccess access;
    private final CloudFrontConfig config;
    private final BatchLedger ledger;
    private final Clock clock;

    public CloudFrontCheck(CloudFrontAccess access, CloudFrontConfig config, BatchLedger ledger, Clock clock) {
        this.access = access;
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
    }

    public HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cloudfront").up();
        if (config.dryRun()) {
            return response.withData("dryRun", true).build();
        }
        access.refusals().forEach((distribution, refusal) -> response.down()
                .withData(distribution + ".error", refusal.code())
                .withData(distribution + ".since", refusal.since().toString())
                .withData(distribution + ".message", refusal.message()));
        Duration limit = (config.pollInterval().compareTo(SHORTEST_INTERVAL) > 0
                ? config.pollInterval() : SHORTEST_INTERVAL).multipliedBy(STALL_INTERVALS);
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
