package io.freshguard.invalidation.health;

import io.freshguard.audit.config.HealthConfig;
import io.freshguard.invalidation.config.PurgeConfig;
import io.freshguard.invalidation.service.BatchLedger;
import io.freshguard.invalidation.service.CdnAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The {@code cdn} check: DOWN while a CDN refuses our credentials, permissions or a purge target, and while recorded
 * purge work waits with no worker attempting it. A token that expires within the warning window is named in its data
 * (UP: it still works, and readiness must not flap on a calendar).
 */
@ApplicationScoped
public class CdnCheck {

    /** A batch due for this many poll intervals (or shortest intervals, if longer) without an attempt: stalled. */
    static final int STALL_INTERVALS = 3;
    /** A worker woken for every due batch needs a moment to reach it; a very short poll interval is not the measure. */
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);

    private final CdnAccess access;
    private final HealthConfig health;
    private final PurgeConfig config;
    private final BatchLedger ledger;
    private final Clock clock;

    public CdnCheck(CdnAccess access, HealthConfig health, PurgeConfig config, BatchLedger ledger, Clock clock) {
        this.access = access;
        this.health = health;
        this.config = config;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The check as readiness reports it: UP with {@code inReadiness=false} when {@code cdn-in-readiness} leaves it out
     * (its group still tells), else {@link #check(String, Predicate)}.
     */
    public HealthCheckResponse inReadiness(String name, Predicate<String> shown) {
        if (!health.cdnInReadinessOrDefault()) {
            return HealthCheckResponse.named(name).up().withData("inReadiness", false).build();
        }
        return check(name, shown);
    }

    /** Every target's word: the {@code cdn} check. */
    public HealthCheckResponse check(String name) {
        return check(name, target -> true);
    }

    /** The word of the targets {@code shown} lets through (the deprecated {@code cloudfront} check: CloudFront's only). */
    public HealthCheckResponse check(String name, Predicate<String> shown) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).up();
        if (config.dryRun()) {
            return response.withData("dryRun", true).build();
        }
        access.refusals().entrySet().stream().filter(e -> shown.test(e.getKey())).forEach(e -> response.down()
                .withData(e.getKey() + ".error", e.getValue().code())
                .withData(e.getKey() + ".since", e.getValue().since().toString())
                .withData(e.getKey() + ".message", e.getValue().message()));
        access.tokenExpiries().forEach((target, expiresAt) -> {
            response.withData(target + ".tokenExpiresAt", expiresAt.toString());
            if (access.expiringSoon(target)) {
                response.withData(target + ".warning", "API token expires at " + expiresAt + " (in "
                        + Math.max(0, Duration.between(clock.instant(), expiresAt).toHours()) + " h): replace it");
            }
        });
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
