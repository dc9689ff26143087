package io.freshguard.audit.repository;

import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Deploys and their chains (the webhook intake writes them on its own path, {@link DeployIntakeRepository}). */
@ApplicationScoped
public class DeployRepository implements PanacheRepositoryBase<DeployRecord, Long> {

    /**
     * Deploys with no batch yet, oldest first, locked for the caller's transaction and skipped when another replica
     * holds them ({@code FOR UPDATE SKIP LOCKED}): RECEIVED ones, and FRESH ones the probe confirmed before anything
     * was planned (their invalidation still goes out: edges the probe does not reach may hold the old copy).
     */
    public List<DeployRecord> lockUnplanned(int max, Instant freshSince) {
        // FRESH is most of the table: only recent FRESH deploys can still be unplanned (planning follows intake within a
        // coalesce window), so both branches are index ranges on (status, received_at), never a scan of the history
        return find("from DeployRecord d where (d.status = ?1 or d.status = ?2 and d.receivedAt >= ?3) and d.site is not null"
                        + " and d.coalescedInto is null and not exists (select 1 from InvalidationBatch b where b.deployId = d.id)"
                        + " order by d.receivedAt, d.id", ChainStatus.RECEIVED, ChainStatus.FRESH, freshSince)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(InvalidationBatchRepository.LOCK_TIMEOUT, InvalidationBatchRepository.SKIP_LOCKED)
                .page(0, max)
                .list();
    }

    /**
     * The site's two newest deploys in deploy order (when they went live, not when we heard), ignored notices aside:
     * the expected build and the one before it. A late redelivery of an earlier deploy never comes first.
     */
    public List<DeployRecord> latestTwo(String site) {
        return recent(site, 2);
    }

    /** The site's {@code max} newest deploys in deploy order, ignored notices aside. */
    public List<DeployRecord> recent(String site, int max) {
        return find("site = ?1 and status <> ?2 order by liveAt desc, id desc", site, ChainStatus.IGNORED).page(0, max).list();
    }

    /** The site's deploys before {@code newer} in deploy order whose chains have not settled (they never will now). */
    public List<DeployRecord> unsettledBefore(DeployRecord newer) {
        return list("site = ?1 and id <> ?2 and status in ?3 and (liveAt < ?4 or liveAt = ?4 and id < ?2)", newer.site,
                newer.id, UNSETTLED, newer.liveAt());
    }

    /** Chains of the given sites that have not settled and last moved before {@code before}, oldest first. */
    public List<DeployRecord> unsettledSince(Collection<String> sites, Instant before, int max) {
        if (sites.isEmpty()) {
            return List.of();
        }
        return find("site in ?1 and status in ?2 and statusChangedAt < ?3 order by statusChangedAt", sites, UNSETTLED, before)
                .page(0, max).list();
    }

    /** Statuses a chain may still leave by what happens next (FRESH, FAILED, HEAL_EXHAUSTED and HEAL_BUDGET are answers). */
    public static final Set<ChainStatus> UNSETTLED = EnumSet.of(ChainStatus.RECEIVED, ChainStatus.REQUESTED,
            ChainStatus.RETRYING, ChainStatus.BLOCKED, ChainStatus.INVALIDATED, ChainStatus.DRY_RUN, ChainStatus.STALE);

    /** Sites (of those given) with a received deploy still waiting for its origin. */
    public List<String> sitesAwaitingOrigin(List<String> sites) {
        return getEntityManager().createQuery("select distinct d.site from DeployRecord d where d.site in ?1 and d.status = ?2"
                        + " and d.originReadyAt is null", String.class)
                .setParameter(1, sites).setParameter(2, ChainStatus.RECEIVED).getResultList();
    }

    /** The site's received deploys still waiting for the origin to serve their build. */
    public List<DeployRecord> awaitingOrigin(String site) {
        return list("site = ?1 and status = ?2 and originReadyAt is null", site, ChainStatus.RECEIVED);
    }

    /** Chains in a status (a small set for the statuses a scan looks at: STALE, BLOCKED). */
    public List<DeployRecord> inStatus(ChainStatus status) {
        return list("status = ?1 order by id", status);
    }

    /** Deploys folded into {@code primaryId}'s chain. */
    public List<DeployRecord> coalescedInto(long primaryId) {
        return list("coalescedInto", primaryId);
    }
}
