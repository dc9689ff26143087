package io.freshguard.audit.service.site;

/**
 * The CDN began refusing Freshguard's credentials for a distribution, or accepts them again; fired in the transaction
 * that writes the audit entry, whether real work or the credential canary found it.
 */
public record CdnAccessChanged(String distributionId, boolean refused, String code, String message) {
}
