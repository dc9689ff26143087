package io.freshguard.audit.service.site;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.repository.AssetObservationRepository;
import io.freshguard.audit.service.runtime.StoreJob;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Drops observation runs older than {@code freshguard.audit.observation-retention}; chains, incidents and the log stay. */
@ApplicationScoped
public class ObservationRetention {

    private final AssetObservationRepository observations;
    private final AuditConfig config;
    private final Clock clock;

    public ObservationRetention(AssetObservationRepository observations, AuditConfig config, Clock clock) {
        this.observations = observations;
        this.config = config;
        this.clock = clock;
    }

    @StoreJob
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    @Transactional
    public long purge() {
        long removed = observations.purgeSeenBefore(clock.instant().minus(config.observationRetention()));
        if (removed > 0) {
            Log.infof("Removed %d asset observation runs older than %s", removed, config.observationRetention());
        }
        return removed;
    }
}
