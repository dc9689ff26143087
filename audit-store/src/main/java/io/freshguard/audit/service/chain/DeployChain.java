package io.freshguard.audit.service.chain;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.BatchPurpose;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.audit.service.log.AuditTrail.Change;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one owner of a deploy's chain record: its status and the moments that go with it (requested, invalidated,
 * fresh, origin ready, coalesced into). Every event goes through here, is resolved by {@link ChainEvent}'s table and
 * is recorded in the audit log in the same transaction.
 * <p>
 * An event the table resolves to "stays" is not an error: when the probe has already judged the chain, what the
 * invalidation worker reports is still recorded on the chain (a fact, not a move); a verdict is never dropped.
 */
@ApplicationScoped
public class DeployChain {

    private final AuditTrail audit;
    private final DeployRepository deploys;
    private final InvalidationBatchRepository batches;
    private final Event<ChainMoved> moved;

    public DeployChain(AuditTrail audit, DeployRepository deploys, InvalidationBatchRepository batches, Event<ChainMoved> moved) {
        this.audit = audit;
        this.deploys = deploys;
        this.batches = batches;
        this.moved = moved;
    }

    /**
     * Applies {@code event} to the chain: moves it where the table says and sets the moment that goes with the
     * event; returns whether the status changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(DeployRecord chain, ChainEvent event, Instant at, Map<String, ?> data) {
        stamp(chain, event, at);
        ChainStatus before = chain.status;
        ChainStatus next = event.from(before, event == ChainEvent.SEEN_BEHIND ? invalidationOf(chain) : null).orElse(null);
        if (next == null) {
            if (event.isInvalidationEvent() && !before.isInvalidationLed()) {
                // the probe judged the chain already: the invalidation's progress is a fact on it, not a move
                audit.append(AuditKind.of(event), AuditSubject.deploy(chain.id), chain.id, with(data, "chainStays", before.name()));
            }
            return false;
        }
        chain.status = next;
        chain.statusChangedAt = at;
        audit.append(AuditKind.of(next), AuditSubject.deploy(chain.id), chain.id,
                AuditKind.of(event) == AuditKind.of(next) ? data : with(data, "event", event.name()));
        moved.fire(new ChainMoved(chain.id, chain.site, before, next, data));
        return true;
    }

    /** Folds a burst's deploys into {@code into}'s chain, their entries written as one statement batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void coalesce(List<DeployRecord> served, long into, Instant at, Function<DeployRecord, Map<String, ?>> data) {
        List<Change> changes = new ArrayList<>(served.size());
        for (DeployRecord deploy : served) {
            deploy.coalescedInto = into;
            if (ChainEvent.COALESCED.from(deploy.status, null).isPresent()) {
                deploy.status = ChainStatus.COALESCED;
                deploy.statusChangedAt = at;
                changes.add(new Change(AuditKind.COALESCED, AuditSubject.deploy(deploy.id), deploy.id, data.apply(deploy)));
            } else if (!deploy.status.isFinal()) {
                // already judged FRESH by the probe: served by that batch all the same, and its verdict kept
                changes.add(new Change(AuditKind.COALESCED, AuditSubject.deploy(deploy.id), deploy.id,
                        with(data.apply(deploy), "chainStays", deploy.status.name())));
            }
        }
        audit.appendAll(changes);
    }

    /** The origin serves the deploy's build (invalidate-after-origin): its held invalidation may go out. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void originReady(DeployRecord deploy, Instant at, Map<String, ?> data) {
        deploy.originReadyAt = at;
        record(deploy.id, AuditKind.ORIGIN_READY, data);
    }

    /** Records an event on a chain that does not move it (a heal, a late sender joining, a stuck chain). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(long deployId, AuditKind kind, Map<String, ?> data) {
        audit.append(kind, AuditSubject.deploy(deployId), deployId, data);
    }

    /** A new deploy's chain starts here: RECEIVED, or IGNORED for a notice that is not a deploy of a known site. */
    static void begin(DeployRecord deploy, ChainStatus first, Instant at) {
        deploy.status = first;
        deploy.statusChangedAt = at;
    }

    /**
     * Records a chain's first status (RECEIVED or IGNORED) on the webhook intake's own connection, committed with the
     * deploy row by the caller.
     */
    public void startOn(Connection connection, DeployRecord deploy, Map<String, ?> data) throws SQLException {
        audit.appendOn(connection, new Change(AuditKind.of(deploy.status), AuditSubject.deploy(deploy.id), deploy.id, data));
    }

    /** Records an event on a chain on a connection of the caller's, in autocommit (another sender joining it). */
    public void recordOn(Connection connection, long deployId, AuditKind kind, Map<String, ?> data) throws SQLException {
        audit.appendOn(connection, new Change(kind, AuditSubject.deploy(deployId), deployId, data));
    }

    /** Where the chain's own invalidation stands, from its deploy batches. */
    public ChainStatus invalidationOf(DeployRecord chain) {
        return ChainEvent.invalidationOf(batches.forDeploy(chain.id).stream()
                .filter(b -> b.purpose == BatchPurpose.DEPLOY).map(b -> b.status).toList());
    }

    /** The moment an event marks, on the chain and on the deploys folded into it (first time only). */
    private void stamp(DeployRecord chain, ChainEvent event, Instant at) {
        Consumer<DeployRecord> set = switch (event) {
            case ACCEPTED -> chain.requestedAt != null ? null : d -> d.requestedAt = d.requestedAt == null ? at : d.requestedAt;
            case COMPLETED -> chain.invalidatedAt != null ? null : d -> d.invalidatedAt = d.invalidatedAt == null ? at : d.invalidatedAt;
            case SEEN_FRESH -> chain.freshAt != null ? null : d -> d.freshAt = d.freshAt == null ? at : d.freshAt;
            default -> null;
        };
        // the first time only: the deploys folded into the chain were folded in before it was first requested
        if (set != null) {
            set.accept(chain);
            deploys.coalescedInto(chain.id).forEach(set);
        }
    }

    private static Map<String, Object> with(Map<String, ?> data, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(data);
        out.put(key, value);
        return out;
    }
}
