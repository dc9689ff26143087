package io.freshguard.audit.repository;

import io.freshguard.audit.domain.DashboardSession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class DashboardSessionRepository implements PanacheRepositoryBase<DashboardSession, String> {

    /** Whether the session is held and not expired. */
    public boolean live(String nonceSha256, Instant now) {
        return count("nonceSha256 = ?1 and expiresAt > ?2", nonceSha256, now) > 0;
    }

    public void end(String nonceSha256) {
        delete("nonceSha256", nonceSha256);
    }

    /** Drops sessions that expired (each sign-in tidies up, so the table holds live sessions only). */
    public long dropExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }
}
