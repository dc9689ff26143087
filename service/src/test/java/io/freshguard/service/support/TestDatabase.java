package io.freshguard.service.support;

import io.freshguard.service.fakes.PostgresProxyResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and (for tamper tests) edits the service's PostgreSQL rows directly, bypassing the service and the proxy. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return connect(PostgresProxyResource.DATABASE);
    }

    private static Connection connect(String database) throws SQLException {
        return TestPostgres.connect(database);
    }

    public static List<Map<String, Object>> query(String sql, Object... params) {
        return queryIn(PostgresProxyResource.DATABASE, sql, params);
    }

    /** Rows from another database: the one a packaged service started by a test writes to. */
    public static List<Map<String, Object>> queryIn(String database, String sql, Object... params) {
        try (Connection c = connect(database); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        row.put(rs.getMetaData().getColumnLabel(col), rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long count(String sql, Object... params) {
        return countIn(PostgresProxyResource.DATABASE, sql, params);
    }

    /** A count from another database: the one a packaged service started by a test writes to. */
    public static long countIn(String database, String sql, Object... params) {
        return ((Number) queryIn(database, sql, params).get(0).values().iterator().next()).longValue();
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
