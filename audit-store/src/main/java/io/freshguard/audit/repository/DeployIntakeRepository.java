package io.freshguard.audit.repository;

import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.SourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The statements on the webhook's critical path, in plain JDBC: the sender waits for them, and a new deploy
 * row needs neither an entity life cycle nor a session. Everything else reads deploys through Hibernate.
 * {@code on conflict do nothing} is PostgreSQL's, and H2 accepts it in the PostgreSQL mode the dev profile uses.
 * Hot path 1 of 2 kept in JDBC (with {@link AuditLogRepository}): {@code bench/webhooks.sh} measures it (ack p99,
 * saturation throughput in {@code bench/README.md}).
 */
@ApplicationScoped
public class DeployIntakeRepository {

    /** A deploy already on record: enough to answer a redelivery. */
    public record KnownDeploy(long id, String site) {
    }

    private static final String BY_DELIVERY = "select id, site from deploy where source_kind = ?"
            + " and (delivery_id = ? or source_key = ? and payload_sha256 = ?) order by id";
    private static final String BY_DELIVERY_OR_RELEASE = "select id, site from deploy where source_kind = ?"
            + " and (delivery_id = ? or source_key = ? and payload_sha256 = ?) or site = ? and dedup_key = ? order by id";
    private static final String INSERT = "insert into deploy (site, source_kind, source_key, delivery_id, dedup_key,"
            + " release_name, commit_sha, actor, deployed_at, received_at, status, status_changed_at, ignored_reason,"
            + " payload_sha256) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            // a redelivery is the normal case, not an error: PostgreSQL would log every unique-key violation
            + " on conflict do nothing";

    private final DataSource dataSource;

    public DeployIntakeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The same delivery: its id, or the same signed body from the same source under another (unsigned) id. */
    public Optional<KnownDeploy> findByDelivery(SourceKind kind, String deliveryId, String sourceKey, String payloadSha256) {
        return first(BY_DELIVERY, kind.name(), deliveryId, sourceKey, payloadSha256);
    }

    /** The same delivery, or an earlier event about the same release of the site: one query. */
    public Optional<KnownDeploy> findByDeliveryOrRelease(SourceKind kind, String deliveryId, String sourceKey,
            String payloadSha256, String site, String dedupKey) {
        return first(BY_DELIVERY_OR_RELEASE, kind.name(), deliveryId, sourceKey, payloadSha256, site, dedupKey);
    }

    /**
     * Inserts a deploy on a connection whose transaction the caller commits, and sets its generated id; returns
     * false, inserting nothing, when the delivery or (for a site's deploy) the release is already on record.
     */
    public boolean insertIfNew(Connection connection, DeployRecord deploy) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setString(1, deploy.site);
            insert.setString(2, deploy.sourceKind.name());
            insert.setString(3, deploy.sourceKey);
            insert.setString(4, deploy.deliveryId);
            insert.setString(5, deploy.dedupKey);
            insert.setString(6, deploy.release);
            insert.setString(7, deploy.commit);
            insert.setString(8, deploy.actor);
            insert.setObject(9, utc(deploy.deployedAt));
            insert.setObject(10, utc(deploy.receivedAt));
            insert.setString(11, deploy.status.name());
            insert.setObject(12, utc(deploy.statusChangedAt));
            insert.setString(13, deploy.ignoredReason);
            insert.setString(14, deploy.payloadSha256);
            if (insert.executeUpdate() == 0) {
                return false;
            }
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                deploy.id = key.getLong(1);
            }
            return true;
        }
    }

    private Optional<KnownDeploy> first(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            query.setMaxRows(1);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new KnownDeploy(row.getLong(1), row.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not look up delivery " + parameters[1], e);
        }
    }

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
