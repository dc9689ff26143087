package io.freshguard.audit.repository;

import io.freshguard.audit.domain.AuditHead;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The sealer's statements, in plain JDBC on the caller's transaction: an entity per entry would cost a snapshot,
 * a dirty check and an update that sends every column back, for thousands of entries a second under load.
 * Hot path 2 of 2 kept in JDBC: {@code bench/webhooks.sh} seals every entry its load writes (see {@code bench/README.md}).
 */
@ApplicationScoped
public class AuditChainRepository {

    private static final String LOCK_HEAD = "select seq, hash, keyed_from from audit_head where id = " + AuditHead.ID + " for update";
    private static final String UNSEALED = "select id, at, kind, subject, deploy_id, data from audit_log"
            + " where hash is null order by id fetch first ? rows only";
    private static final String UNSEALED_OF_KIND = "select id from audit_log where hash is null and kind = ?"
            + " fetch first 1 rows only";
    private static final String SEAL = "update audit_log set seq = ?, prev_hash = ?, hash = ? where id = ?";
    private static final String MOVE_HEAD = "update audit_head set seq = ?, hash = ?, keyed_from = ?, signature = ?"
            + " where id = " + AuditHead.ID;

    private final DataSource dataSource;

    public AuditChainRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The end of the chain: the last sealed position, its hash, where the keyed part starts and the signature. */
    public record ChainHead(long seq, String hash, Long keyedFrom, String signature) {
    }

    /** A committed entry still waiting for its place in the chain. */
    public record UnsealedRow(long id, Instant at, String kind, String subject, Long deployId, String data) {
    }

    /** An entry's place in the chain. */
    public record Seal(long id, long seq, String prevHash, String hash) {
    }

    /** Reads the head and holds its row lock until the caller's transaction ends: one sealer at a time. */
    public ChainHead lockHead() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(LOCK_HEAD);
                ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("audit_head has no row: the V1 migration did not run");
            }
            return new ChainHead(row.getLong(1), row.getString(2), row.getObject(3, Long.class), null);
        } catch (SQLException e) {
            throw new PersistenceException("could not lock the audit chain head", e);
        }
    }

    /** Entries written but not yet given their place in the chain: should stay near zero. */
    public long unsealedCount() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select count(*) from audit_log where hash is null");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new PersistenceException("could not count unsealed audit entries", e);
        }
    }

    /** Whether an entry of a kind is written but not yet sealed. */
    public boolean hasUnsealed(String kind) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(UNSEALED_OF_KIND)) {
            query.setString(1, kind);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new PersistenceException("could not look for unsealed " + kind + " entries", e);
        }
    }

    /** The oldest unsealed entries, in the order they were written. */
    public List<UnsealedRow> unsealed(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(UNSEALED)) {
            query.setInt(1, limit);
            List<UnsealedRow> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new UnsealedRow(row.getLong(1), row.getObject(2, OffsetDateTime.class).toInstant(),
                            row.getString(3), row.getString(4), row.getObject(5, Long.class), row.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceException("could not read unsealed audit entries", e);
        }
    }

    /** Writes the entries' places and the new head in one statement batch each. */
    public void seal(List<Seal> seals, ChainHead head) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement seal = connection.prepareStatement(SEAL);
                PreparedStatement moveHead = connection.prepareStatement(MOVE_HEAD)) {
            for (Seal s : seals) {
                seal.setLong(1, s.seq());
                seal.setString(2, s.prevHash());
                seal.setString(3, s.hash());
                seal.setLong(4, s.id());
                seal.addBatch();
            }
            AuditLogRepository.executeBatch(seal);
            moveHead.setLong(1, head.seq());
            moveHead.setString(2, head.hash());
            moveHead.setObject(3, head.keyedFrom(), Types.BIGINT);
            moveHead.setString(4, head.signature());
            moveHead.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not seal " + seals.size() + " audit entries", e);
        }
    }
}
