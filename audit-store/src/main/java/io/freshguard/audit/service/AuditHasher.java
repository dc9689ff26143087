package io.freshguard.audit.service;

import io.freshguard.audit.domain.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash that links one audit entry to the previous one; sealing and verification must agree on it exactly. */
final class AuditHasher {

    private AuditHasher() {
    }

    static String hash(String prevHash, AuditEntry entry) {
        String canonical = String.join("\n", prevHash, String.valueOf(entry.seq), entry.at.toString(), entry.kind,
                entry.subject, String.valueOf(entry.deployId), entry.data);
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
