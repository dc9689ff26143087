package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The single row that says where the last verification of the audit log ended (and that it held up to there). */
@Entity
@Table(name = "audit_verified")
public class AuditVerified extends PanacheEntityBase {

    public static final int ID = 1;

    @Id
    public Integer id;

    public long seq;

    public String hash;

    /** HMAC of (seq, hash) under the chain key, as a head's; null while the chain is unkeyed. */
    public String signature;

    @Column(name = "verified_at")
    public Instant verifiedAt;
}
