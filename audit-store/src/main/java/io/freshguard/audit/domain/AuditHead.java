package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
}
