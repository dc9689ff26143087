package io.freshguard.audit.service;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.domain.AuditEntry;
import io.freshguard.audit.domain.AuditHead;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Gives unsealed audit entries their place in the hash chain. Writers never wait for the chain: they insert
 * with their own transaction, and this one sealer (serialised across replicas by locking the head row) links
 * committed entries in the order it finds them.
 */
@ApplicationScoped
public class AuditSealer {

    private final EntityManager em;
    private final AuditConfig config;

    public AuditSealer(EntityManager em, AuditConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "${freshguard.audit.seal-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sealPeriodically() {
        try {
            while (sealBatch() == config.sealBatchSize()) {
                // keep going while there is a backlog
            }
        } catch (RuntimeException e) {
            // typically the store is down; unsealed entries wait for the next run, nothing is lost
            Log.warnf("Audit sealing postponed: %s", e.toString());
        }
    }

    /** Seals up to one batch of entries; returns how many it sealed. */
    @Transactional
    public int sealBatch() {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        List<AuditEntry> entries = em.createQuery("from AuditEntry where hash is null order by id", AuditEntry.class)
                .setMaxResults(config.sealBatchSize())
                .getResultList();
        for (AuditEntry entry : entries) {
            entry.seq = head.seq + 1;
            entry.prevHash = head.hash;
            entry.hash = AuditHasher.hash(head.hash, entry);
            head.seq = entry.seq;
            head.hash = entry.hash;
        }
        return entries.size();
    }
}
