package io.freshguard.probe.service;

import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.repository.AssetStateRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    private final AssetStateRepository states;
    private final Clock clock;
    private Instant startedAt;

    public ProbeProgress(AssetStateRepository states, Clock clock) {
        this.states = states;
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
        return states.lastCheckedAt();
    }

    /** Each asset's current verdict. */
    @Transactional
    public Map<AssetState.Key, Freshness> verdicts() {
        Map<AssetState.Key, Freshness> verdicts = new HashMap<>();
        states.all().forEach(s -> verdicts.put(s.key, s.state));
        return verdicts;
    }
}
