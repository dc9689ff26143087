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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    /** What a clashing notice is decided on: the rows it clashed with, and the site's newest deploy. */
    public record Clash(List<KnownDeploy> clashes, Optional<KnownDeploy> newest) {
    }

    /** A deploy already on record: enough to answer a redelivery and to tell it from a rollback. */
    public record KnownDeploy(long id, String site, SourceKind kind, String sourceKey, String deliveryId,
            String payloadSha256, String release, Instant receivedAt, Instant liveAt) {
    }

    private static final String KNOWN = "id, site, source_kind, source_key, delivery_id, payload_sha256, release_name,"
            + " received_at, live_at from deploy where ";
    /**
     * The rows a notice clashed with (newest first, a few at most: a rollback clashes with one row per generation it
     * repeats) and the site's newest deploy: one statement, so both come from one snapshot and a concurrent insert of
     * the same deploy is seen in both or in neither.
     */
    private static final String CLASHING_AND_NEWEST = "(select 'clash', " + KNOWN + "source_kind = ? and (delivery_id = ?"
            + " or source_key = ? and payload_sha256 = ?) or site = ? and (dedup_key = ? or commit_key = ?) order by id desc"
            + " limit 10) union all (select 'newest', " + KNOWN + "site = ? and status <> 'IGNORED'"
            + " order by live_at desc, id desc limit 1)";
    private static final String INSERT = "insert into deploy (site, source_kind, source_key, delivery_id, dedup_key,"
            + " release_name, commit_sha, actor, deployed_at, received_at, status, status_changed_at, ignored_reason,"
            + " payload_sha256, live_at, generation, commit_key) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            // a redelivery is the normal case, not an error: PostgreSQL would log every unique-key violation
            + " on conflict do nothing";

    private final DataSource dataSource;

    public DeployIntakeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }


    /**
     * The deploys a notice clashed with (the same delivery or body from its source, or the site's release or commit)
     * and the site's newest deploy in deploy order (ignored notices aside), read together.
     */
    public Clash clashing(SourceKind kind, String deliveryId, String sourceKey, String payloadSha256, String site,
            String dedupKey, String commitKey) {
        String[] parameters = {kind.name(), deliveryId, sourceKey, payloadSha256, site, dedupKey, commitKey, site};
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(CLASHING_AND_NEWEST)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<KnownDeploy> clashes = new ArrayList<>();
            KnownDeploy newest = null;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    KnownDeploy known = new KnownDeploy(row.getLong(2), row.getString(3), SourceKind.valueOf(row.getString(4)),
                            row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                            row.getObject(9, OffsetDateTime.class).toInstant(), row.getObject(10, OffsetDateTime.class).toInstant());
                    if ("newest".equals(row.getString(1))) {
                        newest = known;
                    } else {
                        clashes.add(known);
                    }
                }
            }
            return new Clash(clashes, Optional.ofNullable(newest));
        } catch (SQLException e) {
            throw new PersistenceException("could not look up deploys on record for delivery " + deliveryId, e);
        }
    }

    /** The site's newest deploy was told of again, later: it went live again then (deploy order moves with it). */
    public void liveAgain(long deployId, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update deploy set live_at = ? where id = ? and live_at < ?")) {
            update.setObject(1, utc(at));
            update.setLong(2, deployId);
            update.setObject(3, utc(at));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not move deploy " + deployId + " in deploy order", e);
        }
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
            insert.setObject(15, utc(deploy.liveAt));
            insert.setLong(16, deploy.generation);
            insert.setString(17, deploy.commitKey);
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

    private static Object utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
