package io.freshguard.probe.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the build marker in the first bytes of an asset: by default the line the original deploy app wrote,
 * {@code console.log("app.js built on 2014-06-05 12:00:00 UTC in production")}, or an ISO-8601 or RFC 1123
 * time after "built on/at"; a site's own regex (named groups {@code time}, {@code release}, {@code commit})
 * replaces the defaults. The first marker wins. Reading stops at the marker or at the byte limit, and every
 * default pattern is bounded, so hostile input (huge lines, binary, no newline) costs linear time.
 */
public final class BuildMarker {

    /** What a marker said: a build time, a release, a commit, or several of them. */
    public record Marker(Instant time, String release, String commit) {
    }

    /** The marker found (if any) and how many bytes it took. */
    public record Reading(Optional<Marker> marker, int bytesRead) {
    }

    private static final List<Pattern> DEFAULTS = List.of(
            Pattern.compile("built on (?<time>[^\"'\\r\\n]{8,64}?) in "),
            Pattern.compile("built (?:on|at) (?<time>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2}| UTC)?)"),
            Pattern.compile("built (?:on|at) (?<time>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} (?:GMT|[+-]\\d{4}))"));
    /** A marker must fit in this many characters, so chunks are searched with this much overlap. */
    private static final int OVERLAP = 512;
    private static final int CHUNK = 8192;
    private static final DateTimeFormatter RUBY_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final DateTimeFormatter RUBY_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    private final List<Pattern> patterns;

    private BuildMarker(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static BuildMarker defaults() {
        return new BuildMarker(DEFAULTS);
    }

    /** A site's own marker regex; it must have a named group time, release or commit. */
    public static BuildMarker custom(String regex) {
        return new BuildMarker(List.of(Pattern.compile(regex)));
    }

    public Reading read(InputStream in, int maxBytes) throws IOException {
        byte[] buffer = new byte[Math.min(maxBytes, 4 * CHUNK)];
        int length = 0;
        int searchedUpTo = 0;
        while (length < maxBytes) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(maxBytes, buffer.length * 2));
            }
            int n = in.read(buffer, length, Math.min(CHUNK, buffer.length - length));
            if (n < 0) {
                break;
            }
            length += n;
            // ISO-8859-1 maps every byte to one char: binary input cannot break decoding, offsets stay byte offsets
            int from = Math.max(0, searchedUpTo - OVERLAP);
            Optional<Marker> marker = find(new String(buffer, from, length - from, StandardCharsets.ISO_8859_1));
            if (marker.isPresent()) {
                return new Reading(marker, length);
            }
            searchedUpTo = length;
        }
        return new Reading(Optional.empty(), length);
    }

    public Optional<Marker> find(CharSequence text) {
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                Optional<Marker> marker = toMarker(m);
                if (marker.isPresent()) {
                    return marker;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Marker> toMarker(Matcher m) {
        String time = group(m, "time");
        String release = group(m, "release");
        String commit = group(m, "commit");
        Instant parsed = time == null ? null : parseTime(time.trim());
        if (parsed == null && release == null && commit == null) {
            return Optional.empty();
        }
        return Optional.of(new Marker(parsed, release, commit));
    }

    private static String group(Matcher m, String name) {
        try {
            String value = m.group(name);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (IllegalArgumentException noSuchGroup) {
            return null;
        }
    }

    /** Ruby's {@code Time#to_s} (UTC or with offset), ISO-8601 with or without offset (UTC assumed), RFC 1123. */
    static Instant parseTime(String text) {
        try {
            return LocalDateTime.parse(text, RUBY_UTC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return OffsetDateTime.parse(text, RUBY_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next format
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
