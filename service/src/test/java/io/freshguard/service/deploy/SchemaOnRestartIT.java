package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.audit.service.runtime.SchemaMigration;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Most starts are restarts and scale-ups on a schema already at this build's version: they skip Flyway (its loading
 * and validation are a large part of start-up), and a new database is still migrated.
 */
class SchemaOnRestartIT {

    static final String DATABASE = "freshguard_restart_it";

    /** A restart finds the schema at this build's version and starts without Flyway; the first start migrated. */
    @Test
    void aRestartOnACurrentSchemaSkipsFlyway() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        Map<String, String> config = Map.of("freshguard.purge.dry-run", "true",
                "freshguard.sites.acme.distribution-id", "EACMERESTART",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme");
        try (ServiceProcess first = new ServiceProcess("restart-first", DATABASE, 9, config).start()) {
            assertTrue(first.log().contains("Successfully applied " + SchemaMigration.LATEST_VERSION + " migrations"), "the first start migrates");
        }
        try (ServiceProcess restart = new ServiceProcess("restart-second", DATABASE, 9, config).start()) {
            String log = restart.log();
            assertTrue(log.contains("Schema at version " + SchemaMigration.LATEST_VERSION + ", this build's: no migration to run"), log);
            assertFalse(log.contains("org.flywaydb"), "Flyway did not start: " + log);
            long deploy = GenericWebhooks.deployTo(restart.url(""), "acme", "restart-1");
            assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from deploy where id = ?", deploy));
        }
    }
}
