package io.freshguard.audit.repository;

import io.freshguard.audit.domain.AssetObservation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The probe's observations as runs of one verdict. */
@ApplicationScoped
public class AssetObservationRepository implements PanacheRepositoryBase<AssetObservation, Long> {

    /** The current run of every asset: the one a new observation extends or follows. */
    public List<AssetObservation> latestRuns() {
        return list("id in (select max(x.id) from AssetObservation x group by x.site, x.asset)");
    }

    /** Drops runs last seen before {@code before}. */
    public long purgeSeenBefore(Instant before) {
        return delete("lastSeen < ?1", before);
    }
}
