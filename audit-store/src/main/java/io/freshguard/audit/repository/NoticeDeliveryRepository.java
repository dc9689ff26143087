package io.freshguard.audit.repository;

import io.freshguard.audit.domain.NoticeDelivery;
import io.freshguard.audit.domain.NoticeStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class NoticeDeliveryRepository implements PanacheRepositoryBase<NoticeDelivery, Long> {

    /**
     * Adds a delivery unless the same message is already on its way to that channel (written by another replica, an
     * earlier scan or an earlier move): {@code on conflict do nothing}, which H2 accepts in its PostgreSQL mode.
     */
    public void addIfAbsent(NoticeDelivery delivery) {
        getEntityManager().createNativeQuery("insert into notice_delivery (message_id, channel, site, deploy_id, subject, event,"
                        + " body, status, attempts, next_attempt_at, created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, ?9, ?9)"
                        + " on conflict do nothing")
                .setParameter(1, delivery.messageId)
                .setParameter(2, delivery.channel.name())
                .setParameter(3, delivery.site)
                .setParameter(4, delivery.deployId)
                .setParameter(5, delivery.subject)
                .setParameter(6, delivery.event)
                .setParameter(7, delivery.body)
                .setParameter(8, NoticeStatus.PENDING.name())
                .setParameter(9, delivery.createdAt)
                .executeUpdate();
    }

    /** When the latest notice of these types about the subject was written. */
    public Optional<Instant> latestAbout(String subject, Collection<String> events) {
        return Optional.ofNullable(getEntityManager().createQuery("select max(d.createdAt) from NoticeDelivery d"
                        + " where d.subject = ?1 and d.event in ?2", Instant.class)
                .setParameter(1, subject)
                .setParameter(2, events)
                .getSingleResult());
    }

    /** How many distinct messages of a type were written about the subject (an episode counter for refusals). */
    public long messagesAbout(String subject, String event) {
        return getEntityManager().createQuery("select count(distinct d.messageId) from NoticeDelivery d"
                        + " where d.subject = ?1 and d.event = ?2", Long.class)
                .setParameter(1, subject)
                .setParameter(2, event)
                .getSingleResult();
    }

    /**
     * Locks, for the caller's transaction, the due deliveries that head their site's and channel's line: a notice is
     * sent only after every earlier one to the same receiver (a commit status must not be overtaken by an older one),
     * and replicas skip each other's rows.
     */
    public List<NoticeDelivery> lockDueHeads(Instant now, int limit) {
        List<Long> heads = getEntityManager().createQuery("select min(d.id) from NoticeDelivery d where d.status = ?1"
                        + " group by d.site, d.channel", Long.class)
                .setParameter(1, NoticeStatus.PENDING)
                .getResultList();
        if (heads.isEmpty()) {
            return List.of();
        }
        return find("id in ?1 and status = ?2 and nextAttemptAt <= ?3 order by id", heads, NoticeStatus.PENDING, now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(InvalidationBatchRepository.LOCK_TIMEOUT, InvalidationBatchRepository.SKIP_LOCKED)
                .page(0, limit)
                .list();
    }

    /** Drops notices written before {@code before} that are settled (delivered or given up); owed ones stay. */
    public long purgeSettledBefore(Instant before) {
        return delete("createdAt < ?1 and status <> ?2", before, NoticeStatus.PENDING);
    }
}
