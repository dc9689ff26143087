package io.freshguard.audit.repository;

import io.freshguard.audit.domain.AssetObservation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The probe's observations as runs of one verdict. */
@ApplicationScoped
public class AssetObservationRepository implements PanacheRepositoryBase<AssetObservation, Long> {

    /**
     * The current run of every asset: the one a new observation extends or follows. One index probe per asset
     * (asset_observation_latest_idx), whatever the history holds; a grouped max over the table read all of it.
     */
    @SuppressWarnings("unchecked")
    public List<AssetObservation> latestRuns() {
        return getEntityManager().createNativeQuery("select o.* from asset_state s join asset_observation o on o.id ="
                + " (select max(x.id) from asset_observation x where x.site = s.site and x.asset = s.asset)", AssetObservation.class)
                .getResultList();
    }

    /** Drops runs last seen before {@code before}. */
    public long purgeSeenBefore(Instant before) {
        return delete("lastSeen < ?1", before);
    }
}
