package io.freshguard.service.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Heroku Postgres' {@code DATABASE_URL} ({@code postgres://user:password@host:port/database}) as the JDBC
 * settings Quarkus reads. Heroku requires TLS to its databases, so a remote host gets {@code sslmode=require}
 * unless the URL names a mode itself.
 */
public final class HerokuDatabaseUrl {

    private HerokuDatabaseUrl() {
    }

    /** The datasource properties for a {@code postgres://} or {@code postgresql://} URL; empty for anything else. */
    public static Optional<Map<String, String>> toDatasource(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(databaseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DATABASE_URL is not a URL of the form postgres://user:password@host:port/database");
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() < 2) {
            throw new IllegalStateException("DATABASE_URL must name a host and a database: postgres://user:password@host:port/database");
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        boolean local = uri.getHost().equals("localhost") || uri.getHost().startsWith("127.");
        if (!query.contains("sslmode=") && !local) {
            query = query.isEmpty() ? "sslmode=require" : query + "&sslmode=require";
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath() + (query.isEmpty() ? "" : "?" + query));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            settings.put("quarkus.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                settings.put("quarkus.datasource.password", decode(userInfo.substring(colon + 1)));
            }
        }
        return Optional.of(settings);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
