package io.freshguard.service.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the tests' PostgreSQL is: {@code -Dfreshguard.test.postgres=host:port} or {@code FRESHGUARD_TEST_POSTGRES},
 * 127.0.0.1:5432 by default, user {@code postgres} with trust authentication. The one place that knows it.
 */
public final class TestPostgres {

    public static final String HOST_PORT = System.getProperty("freshguard.test.postgres",
            System.getenv().getOrDefault("FRESHGUARD_TEST_POSTGRES", "127.0.0.1:5432"));
    public static final String HOST = HOST_PORT.substring(0, HOST_PORT.lastIndexOf(':'));
    public static final int PORT = Integer.parseInt(HOST_PORT.substring(HOST_PORT.lastIndexOf(':') + 1));
    public static final String USER = "postgres";

    private TestPostgres() {
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST_PORT + "/" + database;
    }

    public static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }
}
