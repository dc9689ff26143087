package io.freshguard.audit.service;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.service.AuditTrail.Change;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one owner of a deploy's chain: every move goes through here, checked against {@link ChainStatus}'s table and
 * recorded in the audit log in the same transaction; so do the events on a chain that do not move it.
 * <p>
 * One policy for a move the table does not allow: nothing changes, nothing is recorded as a move, and a WARN line
 * says which deploy stayed where. A move to the status the chain already has is simply nothing to do. Callers never
 * roll back the work that asked (a CloudFront answer, a probe's verdict) because the chain had moved on.
 */
@ApplicationScoped
public class DeployChain {

    private final AuditTrail audit;

    public DeployChain(AuditTrail audit) {
        this.audit = audit;
    }

    /** Moves the chain to {@code next} and records it; false when the chain is already there or may not move so. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean move(DeployRecord deploy, ChainStatus next, Instant at, Map<String, ?> data) {
        if (!apply(deploy, next, at)) {
            return false;
        }
        audit.append(AuditKind.of(next), AuditSubject.deploy(deploy.id), deploy.id, data);
        return true;
    }

    /** Moves many chains at once (a burst coalesced into one batch), their entries written as one statement batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveAll(List<DeployRecord> deploys, ChainStatus next, Instant at, Function<DeployRecord, Map<String, ?>> data) {
        List<Change> changes = new ArrayList<>(deploys.size());
        for (DeployRecord deploy : deploys) {
            if (apply(deploy, next, at)) {
                changes.add(new Change(AuditKind.of(next), AuditSubject.deploy(deploy.id), deploy.id, data.apply(deploy)));
            }
        }
        audit.appendAll(changes);
    }

    /** Records an event on a chain that does not move it (a heal, the origin's readiness, a late Completed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(long deployId, AuditKind kind, Map<String, ?> data) {
        audit.append(kind, AuditSubject.deploy(deployId), deployId, data);
    }

    /**
     * Records a chain's first status (RECEIVED or IGNORED) on the webhook intake's own connection, committed with the
     * deploy row by the caller.
     */
    public void startOn(Connection connection, DeployRecord deploy, Map<String, ?> data) throws SQLException {
        audit.appendOn(connection, new Change(AuditKind.of(deploy.status), AuditSubject.deploy(deploy.id), deploy.id, data));
    }

    private static boolean apply(DeployRecord deploy, ChainStatus next, Instant at) {
        if (deploy.status == next) {
            return false;
        }
        if (!deploy.status.canMoveTo(next)) {
            Log.warnf("Deploy %d stays %s: %s -> %s is not a move of its chain", deploy.id, deploy.status, deploy.status, next);
            return false;
        }
        deploy.status = next;
        deploy.statusChangedAt = at;
        return true;
    }
}
