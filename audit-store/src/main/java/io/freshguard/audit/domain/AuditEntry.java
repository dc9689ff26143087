package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One line of the append-only audit log. Written unsealed in the transaction that made the change; the
 * {@code AuditSealer} later gives it its place ({@code seq}) in the hash chain.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Position in the hash chain; null until sealed. */
    public Long seq;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String subject;

    /** The deploy chain this entry belongs to, when it belongs to one. */
    @Column(name = "deploy_id")
    public Long deployId;

    /** JSON object with the entry's details; never a secret. */
    @Column(nullable = false)
    public String data;

    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;
}
