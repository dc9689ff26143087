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
import jakarta.persistence.Version;
import java.time.Instant;

/** One deploy notification as received, and how far its chain has got ({@code DeployChain} moves it). */
@Entity
@Table(name = "deploy")
public class DeployRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null when the notification matched no configured site. */
    public String site;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind", nullable = false)
    public SourceKind sourceKind;

    @Column(name = "source_key", nullable = false)
    public String sourceKey;

    @Column(name = "delivery_id", nullable = false)
    public String deliveryId;

    /** Identifies the release within its site, so several events about one release make one deploy. */
    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "release_name")
    public String release;

    @Column(name = "commit_sha")
    public String commit;

    public String actor;

    @Column(name = "deployed_at")
    public Instant deployedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Where the deploy stands in deploy order: {@link #liveAt()} as stored when it was received (V7). */
    @Column(name = "live_at", nullable = false)
    public Instant liveAt;

    /** 0, or the id of the site's deploy this one followed when it deployed an earlier build again (V7). */
    @Column(nullable = false)
    public long generation;

    /** The commit's first seven characters: deploys of one site and commit from several senders meet here (V7). */
    @Column(name = "commit_key")
    public String commitKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChainStatus status;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    @Column(name = "ignored_reason")
    public String ignoredReason;

    @Column(name = "payload_sha256", nullable = false)
    public String payloadSha256;

    /** The deploy whose invalidation also served this one (status COALESCED). */
    @Column(name = "coalesced_into")
    public Long coalescedInto;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "invalidated_at")
    public Instant invalidatedAt;

    @Column(name = "fresh_at")
    public Instant freshAt;

    /** invalidate-after-origin: when the origin was first seen serving this deploy's build. */
    @Column(name = "origin_ready_at")
    public Instant originReadyAt;

    @Version
    public long version;

    /** The moment the new build went live: the sender's time when it gave one, else when we heard of it. */
    public Instant liveAt() {
        return liveAt != null ? liveAt : deployedAt != null ? deployedAt : receivedAt;
    }
}
