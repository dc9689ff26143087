package io.freshguard.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Appends unsealed audit entries with plain JDBC. Inside a transaction the data source hands out the connection
 * the transaction already holds, so an entry commits or rolls back with the change it describes; going around
 * Hibernate spares every writer an entity life cycle and a generated-key round trip for a row it never reads back.
 * Part of hot path 1 (the webhook intake writes its entry here): {@code bench/webhooks.sh}.
 */
@ApplicationScoped
public class AuditLogRepository {

    private static final String INSERT = "insert into audit_log (at, kind, subject, deploy_id, data) values (?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public AuditLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An entry as written: not yet sealed, so without sequence or hashes. */
    public record UnsealedEntry(Instant at, String kind, String subject, Long deployId, String data) {
    }

    /** Inserts the entries in one JDBC batch (one round trip where the driver rewrites batched inserts). */
    public void insert(List<UnsealedEntry> entries) {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, entries);
        } catch (SQLException e) {
            throw new PersistenceException("could not append " + entries.size() + " audit entries", e);
        }
    }

    /** The same on a connection whose transaction the caller commits itself. */
    public void insert(Connection connection, List<UnsealedEntry> entries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (UnsealedEntry entry : entries) {
                insert.setObject(1, entry.at().atOffset(ZoneOffset.UTC));
                insert.setString(2, entry.kind());
                insert.setString(3, entry.subject());
                if (entry.deployId() == null) {
                    insert.setNull(4, Types.BIGINT);
                } else {
                    insert.setLong(4, entry.deployId());
                }
                insert.setString(5, entry.data());
                if (entries.size() == 1) {
                    insert.executeUpdate();
                    return;
                }
                insert.addBatch();
            }
            executeBatch(insert);
        }
    }

    /**
     * A batch whose connection drops mid-way makes the PostgreSQL driver throw an {@link AssertionError} (from
     * {@code BatchResultHandler.isAutoCommit}) instead of an SQLException: it is a lost connection, and is reported
     * as one (SQLState 08006), so the caller answers 503 and retries instead of failing with an Error.
     */
    static int[] executeBatch(PreparedStatement batch) throws SQLException {
        try {
            return batch.executeBatch();
        } catch (AssertionError driverBug) {
            throw new SQLException("the connection was lost during a statement batch", "08006", driverBug);
        }
    }
}
