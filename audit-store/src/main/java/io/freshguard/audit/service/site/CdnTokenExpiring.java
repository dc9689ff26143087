package io.freshguard.audit.service.site;

import java.time.Instant;

/**
 * The credential canary found that a purge target's API token expires within the warning window; fired in the
 * transaction that writes the audit entry, once per target and expiry moment on a replica.
 */
public record CdnTokenExpiring(String target, Instant expiresAt) {
}
