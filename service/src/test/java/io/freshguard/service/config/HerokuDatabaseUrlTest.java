package io.freshguard.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain JUnit: the conversion is pure; the service reads its result through a config source. */
class HerokuDatabaseUrlTest {

    @Test
    void herokuPostgresBecomesJdbcWithTlsRequired() {
        Map<String, String> s = HerokuDatabaseUrl.toDatasource(
                "postgres://u1abc:p%40ss%3Aw0rd@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9xyz").orElseThrow();
        assertEquals("jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9xyz?sslmode=require", s.get("quarkus.datasource.jdbc.url"));
        assertEquals("u1abc", s.get("quarkus.datasource.username"));
        assertEquals("p@ss:w0rd", s.get("quarkus.datasource.password"));
    }

    @Test
    void aLocalDatabaseOrAnExplicitModeIsLeftAsIs() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/freshguard",
                HerokuDatabaseUrl.toDatasource("postgresql://postgres@127.0.0.1:5432/freshguard").orElseThrow().get("quarkus.datasource.jdbc.url"));
        assertEquals("jdbc:postgresql://db:5432/x?sslmode=verify-full",
                HerokuDatabaseUrl.toDatasource("postgres://a:b@db:5432/x?sslmode=verify-full").orElseThrow().get("quarkus.datasource.jdbc.url"));
    }

    @Test
    void otherOrMissingUrlsAreIgnoredAndBrokenOnesStopStartUp() {
        assertTrue(HerokuDatabaseUrl.toDatasource(null).isEmpty());
        assertTrue(HerokuDatabaseUrl.toDatasource("mysql://a:b@db/x").isEmpty());
        assertThrows(IllegalStateException.class, () -> HerokuDatabaseUrl.toDatasource("postgres://a:b@db"));
    }
}
