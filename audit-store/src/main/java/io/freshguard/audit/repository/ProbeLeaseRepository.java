package io.freshguard.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The one-row lease that says which replica runs the scheduled probe cycle. */
@ApplicationScoped
public class ProbeLeaseRepository {

    private final EntityManager em;

    public ProbeLeaseRepository(EntityManager em) {
        this.em = em;
    }

    /** Takes or renews the lease for {@code owner} until {@code until}, if it is free, expired or already ours. */
    public boolean acquire(String owner, Instant until, Instant now) {
        return em.createNativeQuery("update probe_lease set owner = ?1, lease_until = ?2"
                        + " where id = 1 and (lease_until is null or lease_until < ?3 or owner = ?1)")
                .setParameter(1, owner)
                .setParameter(2, until)
                .setParameter(3, now)
                .executeUpdate() == 1;
    }
}
