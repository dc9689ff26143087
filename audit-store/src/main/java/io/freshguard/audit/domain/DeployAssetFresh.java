package io.freshguard.audit.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The first time an asset was seen serving a deploy's build. */
@Entity
@Table(name = "deploy_asset_fresh")
public class DeployAssetFresh extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "deploy_id") Long deployId, String asset) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String site;

    @Column(name = "first_fresh_at", nullable = false)
    public Instant firstFreshAt;
}
