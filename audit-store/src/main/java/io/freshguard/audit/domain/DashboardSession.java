package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed-in dashboard session, by the hash of its cookie's nonce; deleted when it signs out. */
@Entity
@Table(name = "dashboard_session")
public class DashboardSession extends PanacheEntityBase {

    @Id
    @Column(name = "nonce_sha256")
    public String nonceSha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
