package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A window in which customers were served an old build (or nothing) for one asset, and why. */
@Entity
@Table(name = "stale_incident")
public class StaleIncident extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public String asset;

    @Column(name = "deploy_id")
    public Long deployId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Freshness state;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** Null while the window is open. */
    @Column(name = "ended_at")
    public Instant endedAt;

    public String cause;

    @Column(name = "origin_old")
    public Boolean originOld;

    /** The heal batch whose completion ended this window; null when none did. */
    @Column(name = "heal_batch_id")
    public Long healBatchId;
}
