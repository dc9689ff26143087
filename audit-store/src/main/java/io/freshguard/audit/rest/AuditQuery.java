package io.freshguard.audit.rest;

import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.service.query.Cursor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/** Parsing and checking of the audit API's query parameters; every mistake is a 400 that names the parameter. */
public final class AuditQuery {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Times the store can compare with: Instant reaches a billion years, PostgreSQL's timestamps do not. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Width of the site and asset columns. */
    public static final int MAX_NAME = 100;

    private AuditQuery() {
    }

    public static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name + " must be an ISO-8601 UTC time such as 2026-11-25T10:00:00Z, not '" + value + "'");
        }
        if (!representable(parsed)) {
            throw new InvalidQueryException(name + " must lie between " + EARLIEST + " and " + LATEST);
        }
        return parsed;
    }

    /**
     * A site or asset name: names come from configuration, so anything longer than the store's column or holding a
     * control character (PostgreSQL text cannot even hold NUL) names nothing and is a 400, not a query.
     */
    public static String name(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidQueryException(parameter + " must be a configured name of at most " + MAX_NAME
                    + " characters without control characters");
        }
        return value;
    }

    private static boolean representable(Instant at) {
        return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
    }

    /** An ISO-8601 duration such as PT15M, positive and at most {@code max}; absent is the default. */
    public static Duration duration(String name, String value, Duration fallback, Duration max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value);
            if (parsed.isNegative() || parsed.isZero() || parsed.compareTo(max) > 0) {
                throw new InvalidQueryException(name + " must be a positive duration of at most " + max);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name + " must be an ISO-8601 duration such as PT15M, not '" + value + "'");
        }
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidQueryException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    public static ChainStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ChainStatus.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("status must be one of " + Arrays.toString(ChainStatus.values()));
        }
    }

    public static Cursor cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            int bar = raw.lastIndexOf('|');
            Instant at = bar == 0 ? null : Instant.parse(raw.substring(0, bar));
            if (at != null && !representable(at)) {
                throw new IllegalArgumentException("not a time this API wrote");
            }
            return new Cursor(at, Long.parseLong(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new InvalidQueryException("after is not a cursor returned by this API");
        }
    }
}
