package io.freshguard.audit.domain;

import java.util.Locale;
import java.util.Optional;

/** The senders Freshguard accepts deploy notifications from; the lower-case name is the {@code kind} in {@code kind:key}. */
public enum SourceKind {
    HEROKU,
    GITHUB,
    PAPERTRAIL,
    GENERIC;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SourceKind> fromId(String id) {
        for (SourceKind kind : values()) {
            if (kind.id().equals(id)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
