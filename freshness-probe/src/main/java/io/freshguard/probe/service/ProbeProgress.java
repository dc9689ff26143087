package io.freshguard.probe.service;

import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When verdicts were last recorded, read from the store so every replica tells the same story: a verdict that is
 * no longer renewed is a silent failure of its own (a hung leader, a probe that keeps failing to record).
 */
@ApplicationScoped
public class ProbeProgress {

    private final EntityManager em;
    private final Clock clock;
    private Instant startedAt;

    public ProbeProgress(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        startedAt = clock.instant();
    }

    /** When this replica started: an asset never probed since is stalled from then on. */
    public Instant startedAt() {
        return startedAt == null ? clock.instant() : startedAt;
    }

    /** The newest recorded verdict of any asset. */
    @Transactional
    public Optional<Instant> lastRecorded() {
        return Optional.ofNullable(em.createQuery("select max(s.checkedAt) from AssetState s", Instant.class).getSingleResult());
    }

    /** Each asset's current verdict. */
    @Transactional
    public Map<AssetState.Key, Freshness> verdicts() {
        Map<AssetState.Key, Freshness> verdicts = new HashMap<>();
        em.createQuery("from AssetState", AssetState.class).getResultList().forEach(s -> verdicts.put(s.key, s.state));
        return verdicts;
    }
}
