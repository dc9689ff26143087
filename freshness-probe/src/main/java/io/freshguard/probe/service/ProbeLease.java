package io.freshguard.probe.service;

import io.freshguard.audit.repository.ProbeLeaseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Which replica runs the scheduled probe cycle: a lease row (portable to H2, and a crashed holder simply lets
 * it expire), renewed by its holder every cycle.
 */
@ApplicationScoped
public class ProbeLease {

    private final ProbeLeaseRepository leases;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    public ProbeLease(ProbeLeaseRepository leases, Clock clock) {
        this.leases = leases;
        this.clock = clock;
    }

    @Transactional
    public boolean acquire(Duration length) {
        Instant now = clock.instant();
        return leases.acquire(owner, now.plus(length), now);
    }
}
