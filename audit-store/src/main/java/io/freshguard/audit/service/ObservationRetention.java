package io.freshguard.audit.service;

import io.freshguard.audit.config.AuditConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Drops observation runs older than {@code freshguard.audit.observation-retention}; chains, incidents and the log stay. */
@ApplicationScoped
public class ObservationRetention {

    private final EntityManager em;
    private final AuditConfig config;
    private final Clock clock;

    public ObservationRetention(EntityManager em, AuditConfig config, Clock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        purge();
    }

    @Transactional
    public int purge() {
        int removed = em.createQuery("delete from AssetObservation o where o.lastSeen < ?1")
                .setParameter(1, clock.instant().minus(config.observationRetention()))
                .executeUpdate();
        if (removed > 0) {
            Log.infof("Removed %d asset observation runs older than %s", removed, config.observationRetention());
        }
        return removed;
    }
}
