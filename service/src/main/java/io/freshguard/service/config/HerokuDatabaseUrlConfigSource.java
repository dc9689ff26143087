package io.freshguard.service.config;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lets the service run on Heroku with no hand conversion of {@code DATABASE_URL}. Its ordinal (270) is above
 * application.properties (250), so it replaces the packaged default, and below environment variables (300) and
 * system properties (400), so an explicit {@code QUARKUS_DATASOURCE_JDBC_URL} still wins.
 */
public class HerokuDatabaseUrlConfigSource implements ConfigSource {

    private final Map<String, String> settings =
            HerokuDatabaseUrl.toDatasource(System.getenv("DATABASE_URL")).orElse(Map.of());

    @Override
    public Set<String> getPropertyNames() {
        return settings.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return settings.get(propertyName);
    }

    @Override
    public String getName() {
        return "heroku-database-url";
    }

    @Override
    public int getOrdinal() {
        return 270;
    }
}
