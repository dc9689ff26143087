package io.freshguard.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads Flyway's own history table, which Flyway alone writes. */
@ApplicationScoped
public class SchemaHistoryRepository {

    private final DataSource dataSource;

    public SchemaHistoryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The version of the last migration applied, if it succeeded; empty when the last one failed, when there is no
     * history yet, or when the store cannot say (Flyway itself then reports what is wrong).
     */
    public Optional<String> lastSuccessfulVersion() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select version, success from flyway_schema_history"
                        + " where version is not null order by installed_rank desc limit 1");
                ResultSet row = query.executeQuery()) {
            return row.next() && row.getBoolean(2) ? Optional.ofNullable(row.getString(1)) : Optional.empty();
        } catch (SQLException noHistoryOrNoStore) {
            return Optional.empty();
        }
    }
}
