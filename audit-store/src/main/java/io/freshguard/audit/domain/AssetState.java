package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The current verdict for one asset, shared by every replica. */
@Entity
@Table(name = "asset_state")
public class AssetState extends PanacheEntityBase {

    @Embeddable
    public record Key(String site, String asset) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Freshness state;

    /** When the asset entered this state. */
    @Column(nullable = false)
    public Instant since;

    @Column(name = "deploy_id")
    public Long deployId;

    /** The build this verdict rests on, as the marker named it. */
    @Embedded
    public ObservedBuild observed;

    /** The build must be newer than this to count as fresh (time-only markers). */
    @Column(name = "expected_after")
    public Instant expectedAfter;

    @Column(name = "stale_since")
    public Instant staleSince;

    public String diagnosis;

    /** Whether the origin itself served the old build at this verdict; null without an origin-url or a check. */
    @Column(name = "origin_old")
    public Boolean originOld;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "latency_ms")
    public Integer latencyMs;

    @Column(name = "bytes_read")
    public Integer bytesRead;

    @Column(name = "cdn_age")
    public String cdnAge;

    @Column(name = "cdn_x_cache")
    public String cdnXCache;

    @Column(name = "cdn_etag")
    public String cdnEtag;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    /** Each recent CDN edge's verdict, e.g. {@code FRA56-C1=FRESH, IAD89-C2=STALE}; null before any edge was seen. */
    public String edges;

    /** The build read, never null (Hibernate leaves an all-null embedded value null). */
    public ObservedBuild observed() {
        return ObservedBuild.orNone(observed);
    }
}
