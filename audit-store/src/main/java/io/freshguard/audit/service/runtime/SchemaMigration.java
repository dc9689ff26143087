package io.freshguard.audit.service.runtime;

import io.freshguard.audit.repository.SchemaHistoryRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to this build's version before any work starts. A restart or a scale-up almost always finds the
 * schema already there: one query says so and Flyway is never started, which spares every such start Flyway's
 * loading and validation (about half a second on two cores, bench/README.md). Anything else (a new database, a
 * migration this build adds, a failed or newer migration, a store that does not answer) goes to Flyway, which
 * migrates, or fails start-up saying why.
 */
@ApplicationScoped
public class SchemaMigration {

    /** The newest migration in {@code db/migration}; {@code SchemaVersionTest} fails the build when they differ. */
    public static final String LATEST_VERSION = "13";

    private final SchemaHistoryRepository history;
    private final Instance<Flyway> flyway;

    public SchemaMigration(SchemaHistoryRepository history, Instance<Flyway> flyway) {
        this.history = history;
        this.flyway = flyway;
    }

    // after the configuration checks, before every worker that uses the store
    void migrateAtStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 100) StartupEvent event) {
        if (history.lastSuccessfulVersion().filter(LATEST_VERSION::equals).isPresent()) {
            Log.infof("Schema at version %s, this build's: no migration to run", LATEST_VERSION);
            return;
        }
        flyway.get().migrate();
    }
}
