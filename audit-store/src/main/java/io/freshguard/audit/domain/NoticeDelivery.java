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

/** One notice on its way to one channel: the outbox row the dispatcher sends, retries and records. */
@Entity
@Table(name = "notice_delivery")
public class NoticeDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The same on every attempt and every replica: what receivers dedupe on ({@code webhook-id}). */
    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NoticeChannel channel;

    @Column(nullable = false)
    public String site;

    @Column(name = "deploy_id")
    public Long deployId;

    /** What the notice is about, as in the audit log: {@code deploy/<id>} or {@code distribution/<id>}. */
    @Column(nullable = false)
    public String subject;

    /** The notice's type, e.g. {@code chain.blocked}. */
    @Column(nullable = false)
    public String event;

    /** The notice as JSON, rendered when the move happened; each channel sends it in its own form. */
    @Column(nullable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NoticeStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
