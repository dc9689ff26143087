package io.freshguard.audit.domain;

/** What an audit-log entry is about, as stored in {@code subject}: {@code deploy/42}, {@code batch/7}, … */
public record AuditSubject(String value) {

    public static AuditSubject deploy(long id) {
        return new AuditSubject("deploy/" + id);
    }

    public static AuditSubject batch(long id) {
        return new AuditSubject("batch/" + id);
    }

    public static AuditSubject asset(String site, String asset) {
        return new AuditSubject("asset/" + site + "/" + asset);
    }

    /** A purge target, {@code target/<vendor>:<id>} (entries before targets name {@code distribution/<id>}). */
    public static AuditSubject target(String target) {
        return new AuditSubject("target/" + target);
    }

    public static AuditSubject notice(long deliveryId) {
        return new AuditSubject("notice/" + deliveryId);
    }

    /** The audit chain itself (its keying). */
    public static AuditSubject auditChain() {
        return new AuditSubject("audit/chain");
    }
}
