package io.freshguard.audit.service.site;

/**
 * A CDN began refusing Freshguard's credentials for a purge target, or accepts them again; fired in the transaction
 * that writes the audit entry, whether real work or the credential canary found it.
 */
public record CdnAccessChanged(String target, boolean refused, String code, String message) {
}
