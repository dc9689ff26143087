package io.freshguard.audit.service.log;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.repository.AuditChainRepository;
import io.freshguard.audit.repository.AuditChainRepository.ChainHead;
import io.freshguard.audit.repository.AuditChainRepository.Seal;
import io.freshguard.audit.repository.AuditChainRepository.UnsealedRow;
import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.freshguard.audit.service.runtime.ShutdownBudget;
import io.freshguard.audit.service.runtime.StoreGaugeReadings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives unsealed audit entries their place in the hash chain. Writers never wait for the chain: they insert
 * with their own transaction, and this one sealer (serialised across replicas by locking the head row) links
 * committed entries in the order it finds them.
 */
@ApplicationScoped
public class AuditSealer {

    private final AuditChainRepository chain;
    private final AuditTrail audit;
    private final AuditConfig config;
    private final AuditHasher hasher;
    private final AuditBacklog backlog;
    private ScheduledExecutorService timer;

    public AuditSealer(AuditChainRepository chain, AuditTrail audit, AuditConfig config, AuditBacklog backlog,
            MeterRegistry metrics, StoreGaugeReadings readings) {
        this.chain = chain;
        this.backlog = backlog;
        Gauge.builder("freshguard.audit.unsealed.entries", chain,
                        c -> readings.read("freshguard.audit.unsealed.entries", c::unsealedCount, 0L))
                .description("Audit entries written but not yet sealed into the hash chain (from the store)")
                .register(metrics);
        this.audit = audit;
        this.config = config;
        this.hasher = new AuditHasher(config.chainKey().filter(k -> !k.isBlank()).orElse(null));
    }

    /**
     * Its own thread wakes every seal interval and asks {@link AuditBacklog}, in memory, whether to look at the store:
     * an idle replica's sealer then costs a clock read a second, not a framework job.
     */
    void start(@Observes StartupEvent event) {
        timer = BackgroundThreads.lane("freshguard-audit-sealer");
        long interval = config.sealInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sealPeriodically, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A seal in progress finishes before the store closes; what is left unsealed waits for the next start. */
    void stop(@Observes ShutdownEvent event, ShutdownBudget budget) {
        BackgroundThreads.stop(timer, budget.remaining());
    }

    private void sealPeriodically() {
        if (!backlog.due()) {
            return;
        }
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
        if (hasher.hasKey() && head.keyedFrom() == null && !chain.hasUnsealed(AuditKind.CHAIN_KEYED.name())) {
            // the first seal with a key marks where the keyed part starts; everything before stays verifiable
            audit.append(AuditKind.CHAIN_KEYED, AuditSubject.auditChain(), null,
                    Map.of("links", "HMAC-SHA256 under freshguard.audit.chain-key from this entry on"));
        }
        List<UnsealedRow> entries = chain.unsealed(config.sealBatchSize());
        if (entries.isEmpty()) {
            return 0;
        }
        List<Seal> seals = new ArrayList<>(entries.size());
        long seq = head.seq();
        String hash = head.hash();
        Long keyedFrom = head.keyedFrom();
        for (UnsealedRow entry : entries) {
            seq++;
            if (keyedFrom == null && hasher.hasKey() && AuditKind.CHAIN_KEYED.name().equals(entry.kind())) {
                keyedFrom = seq;
            }
            String entryHash = hasher.hash(hash, seq, entry.at(), entry.kind(), entry.subject(), entry.deployId(),
                    entry.data(), keyedFrom != null);
            seals.add(new Seal(entry.id(), seq, hash, entryHash));
            hash = entryHash;
        }
        String signature = keyedFrom == null ? null : hasher.signHead(seq, hash);
        chain.seal(seals, new ChainHead(seq, hash, keyedFrom, signature));
        return entries.size();
    }
}
