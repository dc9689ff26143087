package io.freshguard.audit.service;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.repository.AuditChainRepository;
import io.freshguard.audit.repository.AuditChainRepository.ChainHead;
import io.freshguard.audit.repository.AuditChainRepository.Seal;
import io.freshguard.audit.repository.AuditChainRepository.UnsealedRow;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives unsealed audit entries their place in the hash chain. Writers never wait for the chain: they insert
 * with their own transaction, and this one sealer (serialised across replicas by locking the head row) links
 * committed entries in the order it finds them.
 */
@ApplicationScoped
public class AuditSealer {

    private final AuditChainRepository chain;
    private final AuditConfig config;

    public AuditSealer(AuditChainRepository chain, AuditConfig config) {
        this.chain = chain;
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
        ChainHead head = chain.lockHead();
        List<UnsealedRow> entries = chain.unsealed(config.sealBatchSize());
        if (entries.isEmpty()) {
            return 0;
        }
        List<Seal> seals = new ArrayList<>(entries.size());
        long seq = head.seq();
        String hash = head.hash();
        for (UnsealedRow entry : entries) {
            seq++;
            String entryHash = AuditHasher.hash(hash, seq, entry.at(), entry.kind(), entry.subject(), entry.deployId(),
                    entry.data());
            seals.add(new Seal(entry.id(), seq, hash, entryHash));
            hash = entryHash;
        }
        chain.seal(seals, new ChainHead(seq, hash));
        return entries.size();
    }
}
