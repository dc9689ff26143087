package io.freshguard.audit.service.chain;

import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.CommitId;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.repository.DeployIntakeRepository;
import io.freshguard.audit.repository.DeployIntakeRepository.KnownDeploy;
import io.freshguard.audit.service.chain.IntakeResult.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one transaction that stores a deploy and its first audit entry together. It is a plain JDBC transaction on
 * one connection: every webhook waits for it, and a transaction manager adds only cost to a single-resource commit.
 */
@ApplicationScoped
class DeployWriter {

    private final DataSource dataSource;
    private final DeployIntakeRepository deploys;
    private final DeployChain chain;
    private final Clock clock;
    private final Event<DeployRecorded> recorded;

    DeployWriter(DataSource dataSource, DeployIntakeRepository deploys, DeployChain chain, Clock clock,
            Event<DeployRecorded> recorded) {
        this.dataSource = dataSource;
        this.deploys = deploys;
        this.chain = chain;
        this.clock = clock;
        this.recorded = recorded;
    }

    /**
     * Commits the deploy with its audit entry, or nothing: empty when the delivery (or the site's release) is
     * already on record. Never joins a caller's JTA transaction, since the sender's answer waits for this commit.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    Optional<IntakeResult> write(DeployNotice notice, String site, long generation) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String reason = DeployNotice.shorten(notice.isDeploy() && site == null
                ? "no site is configured for source " + notice.kind().id() + ":" + notice.sourceKey()
                : notice.ignoreReason(), DeployNotice.MAX_REASON);
        DeployRecord deploy = newRecord(notice, site, reason, now);
        deploy.generation = generation;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!deploys.insertIfNew(connection, deploy)) {
                    connection.rollback();
                    return Optional.empty();
                }
                chain.startOn(connection, deploy, auditData(notice, deploy, reason));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not store deploy " + notice.kind() + ":" + notice.deliveryId(), e);
        }
        if (reason != null) {
            return Optional.of(new IntakeResult(deploy.id, site, Outcome.IGNORED, reason));
        }
        recorded.fire(new DeployRecorded(deploy.id, site));
        return Optional.of(new IntakeResult(deploy.id, site, Outcome.ACCEPTED, null));
    }

    /** Another sender told of a deploy already on record (the same commit, say): recorded on that deploy's chain. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void joined(KnownDeploy deploy, DeployNotice notice) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", notice.kind().id() + ":" + notice.sourceKey());
        data.put("delivery", notice.deliveryId());
        data.put("release", notice.release());
        data.put("commit", notice.commit());
        data.put("payloadSha256", notice.payloadSha256());
        try (Connection connection = dataSource.getConnection()) {
            chain.recordOn(connection, deploy.id(), AuditKind.JOINED, data);
        } catch (SQLException e) {
            throw new PersistenceException("could not record " + notice.kind() + ":" + notice.deliveryId()
                    + " on deploy " + deploy.id(), e);
        }
    }

    private static DeployRecord newRecord(DeployNotice notice, String site, String reason, Instant now) {
        DeployRecord deploy = new DeployRecord();
        deploy.site = site;
        deploy.sourceKind = notice.kind();
        deploy.sourceKey = notice.sourceKey();
        deploy.deliveryId = notice.deliveryId();
        deploy.dedupKey = reason == null ? notice.dedupKey() : null;
        deploy.release = notice.release();
        deploy.commit = notice.commit();
        deploy.actor = notice.actor();
        deploy.deployedAt = notice.deployedAt() == null ? null : notice.deployedAt().truncatedTo(ChronoUnit.MICROS);
        deploy.receivedAt = now;
        deploy.liveAt = deploy.deployedAt != null ? deploy.deployedAt : now;
        deploy.commitKey = reason == null && site != null ? CommitId.key(notice.commit()) : null;
        DeployChain.begin(deploy, reason == null ? ChainStatus.RECEIVED : ChainStatus.IGNORED, now);
        deploy.ignoredReason = reason;
        deploy.payloadSha256 = notice.payloadSha256();
        return deploy;
    }

    private static Map<String, Object> auditData(DeployNotice notice, DeployRecord deploy, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("site", deploy.site);
        data.put("source", notice.kind().id() + ":" + notice.sourceKey());
        data.put("delivery", notice.deliveryId());
        data.put("release", notice.release());
        data.put("commit", notice.commit());
        data.put("actor", notice.actor());
        data.put("deployedAt", deploy.deployedAt == null ? null : deploy.deployedAt.toString());
        data.put("payloadSha256", notice.payloadSha256());
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

    private static void rollBack(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // a dropped connection cannot roll back, and the server discards its open transaction anyway
            failure.addSuppressed(e);
        }
    }
}
