package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A run of identical verdicts for one asset: first and last seen, and how many fetches said so. */
@Entity
@Table(name = "asset_observation")
public class AssetObservation extends PanacheEntityBase {

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

    /** The build this verdict rests on, as the marker named it. */
    @Embedded
    public ObservedBuild observed;

    public String diagnosis;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "first_seen", nullable = false)
    public Instant firstSeen;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    @Column(nullable = false)
    public int observations;

    @Column(name = "latency_ms")
    public Integer latencyMs;

    @Column(name = "cdn_age")
    public String cdnAge;

    @Column(name = "cdn_x_cache")
    public String cdnXCache;

    @Column(name = "cdn_etag")
    public String cdnEtag;

    /** The build read, never null (Hibernate leaves an all-null embedded value null). */
    public ObservedBuild observed() {
        return ObservedBuild.orNone(observed);
    }
}
