package io.freshguard.audit.repository;

import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Each asset's current verdict, shared by every replica. */
@ApplicationScoped
public class AssetStateRepository implements PanacheRepositoryBase<AssetState, AssetState.Key> {

    /** Every verdict by site and asset. */
    public List<AssetState> all() {
        return list("order by key.site, key.asset");
    }

    /**
     * Every verdict, locked in key order for the caller's transaction: replicas recording at once take turns, so each
     * folds in what the other has just committed (the same order everywhere, so no deadlock).
     */
    public List<AssetState> lockAll() {
        return find("order by key.site, key.asset").withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** When any replica last recorded a verdict. */
    public Optional<Instant> lastCheckedAt() {
        return Optional.ofNullable(getEntityManager().createQuery("select max(s.checkedAt) from AssetState s", Instant.class)
                .getSingleResult());
    }

    /** Assets behind their deploy (PENDING or STALE), the ones a heal may be for. */
    public List<AssetState> behind() {
        return list("state in ?1 and deployId is not null", List.of(Freshness.PENDING, Freshness.STALE));
    }
}
