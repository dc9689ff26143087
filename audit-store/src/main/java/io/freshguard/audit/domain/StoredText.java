package io.freshguard.audit.domain;

/**
 * Text from outside (a sender's field, a CDN's header, a build marker's capture) made fit for a column: PostgreSQL
 * text cannot hold NUL, and a value longer than its column fails the whole transaction it is written in.
 */
public final class StoredText {

    private StoredText() {
    }

    /**
     * The value with NUL replaced by U+FFFD and, when longer than {@code width}, cut to end in {@code marker} so a
     * reader sees it was cut; never splits a surrogate pair.
     */
    public static String fit(String value, int width, String marker) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            value = value.replace('\u0000', '\uFFFD');
        }
        if (value == null || value.length() <= width) {
            return value;
        }
        int keep = width - marker.length();
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + marker;
    }
}
