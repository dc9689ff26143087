package io.freshguard.audit.service;

import io.freshguard.audit.domain.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The hash that links one audit entry to the previous one; sealing and verification must agree on it exactly. */
final class AuditHasher {

    private AuditHasher() {
    }

    static String hash(String prevHash, AuditEntry entry) {
        return hash(prevHash, entry.seq, entry.at, entry.kind, entry.subject, entry.deployId, entry.data);
    }

    static String hash(String prevHash, long seq, Instant at, String kind, String subject, Long deployId, String data) {
        String canonical = String.join("\n", prevHash, String.valueOf(seq), at.toString(), kind, subject,
                String.valueOf(deployId), data);
        return sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
