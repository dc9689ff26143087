package io.freshguard.audit.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A configured credential is a comma-separated list, so old and new are valid together during a rotation. Matching
 * compares the given value with every entry, each in constant time and without stopping at the first match, so the
 * time taken tells nothing about which entry (or how much of one) matched.
 */
public final class CredentialList {

    private CredentialList() {
    }

    /** The usable entries: trimmed, blanks dropped (a trailing comma must not configure an empty credential). */
    public static List<String> entries(Optional<List<String>> configured) {
        return configured.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The HMAC key a signing secret stands for: a Standard Webhooks secret ({@code whsec_<base64>}) is its decoded
     * bytes, as the specification's libraries use it; any other secret is its UTF-8 bytes.
     */
    public static byte[] signingKey(String secret) {
        if (secret.startsWith("whsec_")) {
            try {
                return Base64.getDecoder().decode(secret.substring("whsec_".length()));
            } catch (IllegalArgumentException e) {
                // not base64 after all: the whole text is the key
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code given} equals one of the entries. */
    public static boolean matches(Optional<List<String>> configured, String given) {
        if (given == null) {
            return false;
        }
        byte[] candidate = given.trim().getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String entry : entries(configured)) {
            matched |= MessageDigest.isEqual(entry.getBytes(StandardCharsets.UTF_8), candidate);
        }
        return matched;
    }
}
