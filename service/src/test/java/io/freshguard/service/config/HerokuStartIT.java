package io.freshguard.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import io.freshguard.service.support.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged service started with nothing but Heroku Postgres' DATABASE_URL finds its database. */
class HerokuStartIT {

    static final String DATABASE = "freshguard_heroku_it";

    @Test
    void databaseUrlIsUnderstoodWithoutHandConversion() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = ServiceProcess.onHeroku("heroku", "postgres://postgres:@" + TestPostgres.HOST_PORT + "/" + DATABASE, 9,
                Map.of("freshguard.purge.dry-run", "true",
                        "freshguard.sites.acme.distribution-id", "EACMEHEROKU",
                        "freshguard.sites.acme.paths", "/embed.js",
                        "freshguard.sites.acme.sources", "generic:acme")).start()) {
            long deploy = GenericWebhooks.deployTo(service.url(""), "acme", "heroku-1");
            assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from deploy where id = ?", deploy));
        }
    }
}
