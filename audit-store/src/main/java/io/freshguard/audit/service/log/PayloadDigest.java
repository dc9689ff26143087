package io.freshguard.audit.service.log;

/** SHA-256 of a raw webhook body: stored instead of the body, so a payload can be matched without keeping it. */
public final class PayloadDigest {

    private PayloadDigest() {
    }

    public static String sha256Hex(byte[] body) {
        return AuditHasher.sha256Hex(body);
    }
}
