package io.freshguard.audit.repository;

import io.freshguard.audit.domain.StaleIncident;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Windows in which customers got an old build, or nothing. */
@ApplicationScoped
public class StaleIncidentRepository implements PanacheRepositoryBase<StaleIncident, Long> {

    /** Every window still open, oldest first. */
    public List<StaleIncident> open() {
        return list("endedAt is null order by id");
    }
}
