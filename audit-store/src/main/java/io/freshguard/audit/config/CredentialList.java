package io.freshguard.audit.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    /** The strength a bearer token must have in production: 32 random bytes ({@code openssl rand -hex 32}). */
    public static final int MIN_BITS = 256;

    /**
     * A generous estimate of a token's entropy: its length times the bits of the smallest alphabet it is drawn from
     * (hex digits, or the classes of characters it uses). A 64-character hex string or 43 base64 characters reach 256
     * bits; a word, a date or a short random string does not.
     */
    public static double estimatedBits(String token) {
        if (token.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return token.length() * 4.0;
        }
        int alphabet = 0;
        alphabet += token.chars().anyMatch(c -> c >= 'a' && c <= 'z') ? 26 : 0;
        alphabet += token.chars().anyMatch(c -> c >= 'A' && c <= 'Z') ? 26 : 0;
        alphabet += token.chars().anyMatch(c -> c >= '0' && c <= '9') ? 10 : 0;
        alphabet += token.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 32 : 0;
        long distinct = token.chars().distinct().count();
        // a long run of one character is not random whatever its alphabet
        return token.length() * Math.log(Math.max(2, Math.min(alphabet, distinct * 4))) / Math.log(2);
    }

    /** HMAC-SHA256 of {@code data} under {@code key}: what every signature Freshguard makes or checks is. */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
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
