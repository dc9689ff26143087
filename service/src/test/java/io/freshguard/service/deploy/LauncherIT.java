package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The packaged service as bin/freshguard (the Procfile, Dockerfile.jvm) starts it really uses the class archive the
 * build wrote. A JVM that cannot use an archive says so once and starts without it, which no other test would notice:
 * here an unusable archive (wrong directory, another JDK build, a stale archive) stops the JVM instead.
 */
@DisabledIfSystemProperty(named = "freshguard.it.artifact", matches = "native")
class LauncherIT {

    static final String DATABASE = "freshguard_launcher_it";

    @Test
    void theLauncherStartsTheServiceOnTheBuildsClassArchive() throws Exception {
        if (Runtime.version().feature() < 25) {
            assertTrue(ServiceProcess.classArchive().isPresent(), "the package step writes target/quarkus-app/app-cds.jsa");
        } else {
            Assumptions.assumeTrue(ServiceProcess.classArchive().isPresent(),
                    "app.aot is assembled when the first integration-test launch of the service stops");
        }
        assertTrue(Files.isExecutable(Path.of("..", "bin", "freshguard")));
        assertTrue(Files.readString(Path.of("..", "Procfile")).startsWith("web: bin/freshguard"));
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = new ServiceProcess("launcher", DATABASE, 9, Map.of(
                "freshguard.purge.dry-run", "true",
                "freshguard.sites.acme.distribution-id", "EACMELAUNCH",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "generic:acme")).requireClassArchive().start()) {
            long deploy = GenericWebhooks.deployTo(service.url(""), "acme", "launcher-1");
            assertEquals(1, TestDatabase.countIn(DATABASE, "select count(*) from deploy where id = ?", deploy));
        }
    }
}
