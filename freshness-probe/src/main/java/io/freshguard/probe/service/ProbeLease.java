package io.freshguard.probe.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    private final EntityManager em;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    public ProbeLease(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public boolean acquire(Duration length) {
        Instant now = clock.instant();
        return em.createNativeQuery("update probe_lease set owner = ?1, lease_until = ?2"
                        + " where id = 1 and (lease_until is null or lease_until < ?3 or owner = ?1)")
                .setParameter(1, owner)
                .setParameter(2, now.plus(length))
                .setParameter(3, now)
                .executeUpdate() == 1;
    }
}
