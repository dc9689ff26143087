package io.freshguard.audit.repository;

import io.freshguard.audit.domain.StaleIncident;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Windows in which customers got an old build, or nothing. */
@ApplicationScoped
public class StaleIncidentRepository implements PanacheRepositoryBase<StaleIncident, Long> {

    /** Drops windows closed before {@code before}; open ones stay whatever their age. */
    public long purgeEndedBefore(Instant before) {
        return delete("endedAt < ?1", before);
    }

    /** Every window still open, oldest first (stale_incident_open_idx). */
    public List<StaleIncident> open() {
        return list("endedAt is null order by id");
    }
}
