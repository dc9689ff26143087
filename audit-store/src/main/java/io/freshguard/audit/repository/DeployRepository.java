package io.freshguard.audit.repository;

import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;

/** Deploys and their chains (the webhook intake writes them on its own path, {@link DeployIntakeRepository}). */
@ApplicationScoped
public class DeployRepository implements PanacheRepositoryBase<DeployRecord, Long> {

    /**
     * Received deploys with no batch yet, oldest first, locked for the caller's transaction and skipped when another
     * replica holds them ({@code FOR UPDATE SKIP LOCKED}).
     */
    public List<DeployRecord> lockUnplanned(int max) {
        return find("from DeployRecord d where d.status = ?1 and d.site is not null"
                        + " and not exists (select 1 from InvalidationBatch b where b.deployId = d.id) order by d.receivedAt, d.id",
                ChainStatus.RECEIVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(InvalidationBatchRepository.LOCK_TIMEOUT, InvalidationBatchRepository.SKIP_LOCKED)
                .page(0, max)
                .list();
    }

    /** The site's two newest deploys that were not ignored: the expected build and the one before it. */
    public List<DeployRecord> latestTwo(String site) {
        return find("site = ?1 and status <> ?2 order by receivedAt desc, id desc", site, ChainStatus.IGNORED).page(0, 2).list();
    }

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

    /** Deploys folded into {@code primaryId}'s chain. */
    public List<DeployRecord> coalescedInto(long primaryId) {
        return list("coalescedInto", primaryId);
    }
}
