package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row that holds the end of the hash chain; locking it serialises sealing across replicas. */
@Entity
@Table(name = "audit_head")
public class AuditHead extends PanacheEntityBase {

    public static final int ID = 1;

    @Id
    public Integer id;

    public long seq;

    public String hash;

    /** The first entry of the keyed part of the chain (a {@code CHAIN_KEYED} entry); null while the chain is unkeyed. */
    @Column(name = "keyed_from")
    public Long keyedFrom;

    /** HMAC of the head under the chain key; null while the chain is unkeyed. */
    public String signature;
}
