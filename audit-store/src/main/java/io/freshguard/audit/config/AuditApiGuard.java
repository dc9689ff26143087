package io.freshguard.audit.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Production never serves the audit API without a token, nor keeps an unkeyed audit chain: start-up fails instead. */
@ApplicationScoped
public class AuditApiGuard {

    void check(@Observes StartupEvent event, AuditConfig config) {
        if (LaunchMode.current() == LaunchMode.NORMAL && config.apiEnabled() && config.token().isEmpty()) {
            throw new IllegalStateException("freshguard.audit.token is not set: set it, or disable the audit API with"
                    + " freshguard.audit.api-enabled=false");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && config.chainKey().filter(k -> !k.isBlank()).isEmpty()) {
            throw new IllegalStateException("freshguard.audit.chain-key is not set: without it anyone who can write"
                    + " to the database can rewrite the audit log undetected (FRESHGUARD_AUDIT_CHAIN_KEY)");
        }
    }
}
