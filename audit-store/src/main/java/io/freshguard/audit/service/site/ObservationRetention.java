package io.freshguard.audit.service.site;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.repository.AssetObservationRepository;
import io.freshguard.audit.repository.NoticeDeliveryRepository;
import io.freshguard.audit.repository.StaleIncidentRepository;
import io.freshguard.audit.service.runtime.StoreJob;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Keeps the site history bounded: observation runs and settled notices older than
 * {@code freshguard.audit.observation-retention}, and stale windows closed longer than {@code incident-retention}, are
 * dropped; chains and the audit log stay for ever.
 */
@ApplicationScoped
public class ObservationRetention {

    private final AssetObservationRepository observations;
    private final StaleIncidentRepository incidents;
    private final NoticeDeliveryRepository notices;
    private final AuditConfig config;
    private final Clock clock;

    public ObservationRetention(AssetObservationRepository observations, StaleIncidentRepository incidents,
            NoticeDeliveryRepository notices, AuditConfig config, Clock clock) {
        this.observations = observations;
        this.incidents = incidents;
        this.notices = notices;
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
        Instant now = clock.instant();
        long removed = observations.purgeSeenBefore(now.minus(config.observationRetention()));
        long closed = incidents.purgeEndedBefore(now.minus(config.incidentRetention()));
        long sent = notices.purgeSettledBefore(now.minus(config.observationRetention()));
        if (removed + closed + sent > 0) {
            Log.infof("Removed %d asset observation runs and %d settled notices older than %s, %d stale windows closed over %s ago",
                    removed, sent, config.observationRetention(), closed, config.incidentRetention());
        }
        return removed;
    }
}
