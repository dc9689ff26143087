package io.freshguard.audit.service.log;

import io.freshguard.audit.config.CredentialList;
import io.freshguard.audit.domain.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash that links one audit entry to the previous one; sealing and verification must agree on it exactly.
 * From the keyed part of the chain on it is an HMAC under {@code freshguard.audit.chain-key}, a key the database
 * never holds, so someone who can rewrite rows cannot recompute the links; before it (entries sealed before the
 * key was configured) it is plain SHA-256.
 */
final class AuditHasher {

    private final byte[] key;

    /** @param key the chain key, or null where only the unkeyed part can be computed */
    AuditHasher(String key) {
        this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    boolean hasKey() {
        return key != null;
    }

    String hash(String prevHash, AuditEntry entry, boolean keyed) {
        return hash(prevHash, entry.seq, entry.at, entry.kind, entry.subject, entry.deployId, entry.data, keyed);
    }

    String hash(String prevHash, long seq, Instant at, String kind, String subject, Long deployId, String data,
            boolean keyed) {
        String canonical = String.join("\n", prevHash, String.valueOf(seq), at.toString(), kind, subject,
                String.valueOf(deployId), data);
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        return keyed ? hmacHex(bytes) : sha256Hex(bytes);
    }

    /** The head's signature: proves a head kept outside the database was issued by a holder of the key. */
    String signHead(long seq, String hash) {
        return hmacHex(("head\n" + seq + "\n" + hash).getBytes(StandardCharsets.UTF_8));
    }

    private String hmacHex(byte[] bytes) {
        if (key == null) {
            throw new IllegalStateException("the keyed part of the audit chain needs freshguard.audit.chain-key");
        }
        return HexFormat.of().formatHex(CredentialList.hmacSha256(key, bytes));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
