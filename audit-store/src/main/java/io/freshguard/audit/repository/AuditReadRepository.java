package io.freshguard.audit.repository;

import io.freshguard.audit.domain.AssetObservation;
import io.freshguard.audit.domain.AuditEntry;
import io.freshguard.audit.domain.AuditHead;
import io.freshguard.audit.domain.AuditVerified;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployAssetFresh;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.StaleIncident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queries behind the audit API and the dashboard. Listings are keyset-paged: {@code afterAt}/{@code afterId} is
 * the last row of the previous page, and one row more than {@code max} tells whether another page follows.
 */
@ApplicationScoped
public class AuditReadRepository {

    private final EntityManager em;

    public AuditReadRepository(EntityManager em) {
        this.em = em;
    }

    public List<DeployRecord> deploys(String site, Instant since, Instant until, ChainStatus status, Instant afterAt,
            Long afterId, int max) {
        Filter f = new Filter("from DeployRecord d");
        f.and(site != null, "d.site = :site", "site", site);
        f.and(since != null, "d.receivedAt >= :since", "since", since);
        f.and(until != null, "d.receivedAt < :until", "until", until);
        f.and(status != null, "d.status = :status", "status", status);
        f.keyset(afterId, "(d.receivedAt < :afterAt or (d.receivedAt = :afterAt and d.id < :afterId))", afterAt);
        return f.query(em, " order by d.receivedAt desc, d.id desc", DeployRecord.class, max);
    }

    public List<Long> coalescedInto(long deployId) {
        return em.createQuery("select d.id from DeployRecord d where d.coalescedInto = ?1 order by d.id", Long.class)
                .setParameter(1, deployId).getResultList();
    }

    public List<AuditEntry> entriesOf(List<Long> deployIds) {
        return em.createQuery("from AuditEntry e where e.deployId in ?1 order by e.id", AuditEntry.class)
                .setParameter(1, deployIds).getResultList();
    }

    public List<DeployAssetFresh> firstFreshOf(long deployId) {
        return em.createQuery("from DeployAssetFresh f where f.key.deployId = ?1 order by f.firstFreshAt", DeployAssetFresh.class)
                .setParameter(1, deployId).getResultList();
    }

    public List<StaleIncident> incidentsOf(long deployId) {
        return em.createQuery("from StaleIncident i where i.deployId = ?1 order by i.startedAt, i.id", StaleIncident.class)
                .setParameter(1, deployId).getResultList();
    }

    /** Windows that overlap [since, until): still open, or ended after since. */
    public List<StaleIncident> incidents(String site, Instant since, Instant until, Instant afterAt, Long afterId, int max) {
        Filter f = new Filter("from StaleIncident i");
        f.and(site != null, "i.site = :site", "site", site);
        f.and(since != null, "(i.endedAt is null or i.endedAt >= :since)", "since", since);
        f.and(until != null, "i.startedAt < :until", "until", until);
        f.keyset(afterId, "(i.startedAt < :afterAt or (i.startedAt = :afterAt and i.id < :afterId))", afterAt);
        return f.query(em, " order by i.startedAt desc, i.id desc", StaleIncident.class, max);
    }

    public List<AssetObservation> observations(String site, String asset, Instant since, Instant until, Instant afterAt,
            Long afterId, int max) {
        Filter f = new Filter("from AssetObservation o");
        f.and(true, "o.site = :site", "site", site);
        f.and(true, "o.asset = :asset", "asset", asset);
        f.and(since != null, "o.lastSeen >= :since", "since", since);
        f.and(until != null, "o.firstSeen < :until", "until", until);
        f.keyset(afterId, "(o.firstSeen < :afterAt or (o.firstSeen = :afterAt and o.id < :afterId))", afterAt);
        return f.query(em, " order by o.firstSeen desc, o.id desc", AssetObservation.class, max);
    }

    /** Sealed entries after {@code afterSeq}, in chain order. */
    public List<AuditEntry> sealedAfter(long afterSeq, int max) {
        return em.createQuery("from AuditEntry e where e.seq > ?1 order by e.seq", AuditEntry.class)
                .setParameter(1, afterSeq).setMaxResults(max).getResultList();
    }

    /** The sealed chain's head as the store has it. */
    public AuditHead head() {
        return em.find(AuditHead.class, AuditHead.ID);
    }

    /** Sealed entries with {@code afterSeq < seq <= headSeq}, in chain order. */
    public List<AuditEntry> sealedBetween(long afterSeq, long headSeq, int max) {
        return em.createQuery("from AuditEntry where seq > :after and seq <= :head order by seq", AuditEntry.class)
                .setParameter("after", afterSeq).setParameter("head", headSeq).setMaxResults(max).getResultList();
    }

    /** Where the last verification ended; empty before any. */
    public Optional<AuditVerified> verified() {
        return Optional.ofNullable(em.find(AuditVerified.class, AuditVerified.ID));
    }

    /** Moves the verification checkpoint (one row, written by whichever replica verified last). */
    public void saveVerified(long seq, String hash, String signature, Instant at) {
        AuditVerified row = em.find(AuditVerified.class, AuditVerified.ID);
        boolean first = row == null;
        if (first) {
            row = new AuditVerified();
            row.id = AuditVerified.ID;
        }
        row.seq = seq;
        row.hash = hash;
        row.signature = signature;
        row.verifiedAt = at;
        if (first) {
            // filled before it is persisted: the insert carries the values the table requires
            em.persist(row);
        }
    }

    /** The sealed entry at a place in the chain. */
    public Optional<AuditEntry> sealedAt(long seq) {
        return em.createQuery("from AuditEntry where seq = :seq", AuditEntry.class).setParameter("seq", seq).getResultStream().findFirst();
    }

    /** How many entries of this kind the deploy has since a moment: one-time notes (a chain stuck) are written once. */
    public long countEntriesSince(long deployId, String kind, Instant since) {
        return em.createQuery("select count(e) from AuditEntry e where e.deployId = ?1 and e.kind = ?2 and e.at >= ?3", Long.class)
                .setParameter(1, deployId).setParameter(2, kind).setParameter(3, since).getSingleResult();
    }

    /** A JPQL query with optional conditions, each with its parameter. */
    private static final class Filter {
        private final StringBuilder jpql;
        private final Map<String, Object> params = new LinkedHashMap<>();
        private boolean where;

        Filter(String from) {
            this.jpql = new StringBuilder(from);
        }

        void and(boolean applies, String condition, String name, Object value) {
            if (!applies) {
                return;
            }
            jpql.append(where ? " and " : " where ").append(condition);
            where = true;
            params.put(name, value);
        }

        void keyset(Long afterId, String condition, Instant afterAt) {
            if (afterId != null) {
                and(true, condition, "afterAt", afterAt);
                params.put("afterId", afterId);
            }
        }

        <T> List<T> query(EntityManager em, String orderBy, Class<T> type, int max) {
            TypedQuery<T> query = em.createQuery(jpql + orderBy, type);
            params.forEach(query::setParameter);
            return new ArrayList<>(query.setMaxResults(max).getResultList());
        }
    }
}
