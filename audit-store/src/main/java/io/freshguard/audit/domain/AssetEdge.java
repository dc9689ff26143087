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

/** What one CDN edge last served for one asset, and which replica saw it. */
@Entity
@Table(name = "asset_edge")
public class AssetEdge extends PanacheEntityBase {

    @Embeddable
    public record Key(String site, String asset, String edge) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    /** The replica whose probe reached this edge last. */
    @Column(nullable = false)
    public String replica;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Freshness state;

    @Column(name = "deploy_id")
    public Long deployId;

    /** The build this verdict rests on, as the marker named it. */
    @Embedded
    public ObservedBuild observed;

    @Column(name = "http_status")
    public Integer httpStatus;

    public String diagnosis;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    /** The build read, never null (Hibernate leaves an all-null embedded value null). */
    public ObservedBuild observed() {
        return ObservedBuild.orNone(observed);
    }
}
