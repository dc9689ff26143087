package io.freshguard.audit.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Production never serves the audit API without a token, nor keeps an unkeyed audit chain, and no configuration
 * leaves the chain unsealed: start-up fails instead, naming the property.
 */
@ApplicationScoped
public class AuditApiGuard {

    // before anything that starts work (the schema migration, the sealer) acts on a configuration that is wrong
    void check(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event, AuditConfig config) {
        if (LaunchMode.current() == LaunchMode.NORMAL && config.apiEnabled()
                && CredentialList.entries(config.token()).isEmpty()) {
            throw new IllegalStateException("freshguard.audit.token is not set: set it, or disable the audit API with"
                    + " freshguard.audit.api-enabled=false");
        }
        if (LaunchMode.current() == LaunchMode.NORMAL && config.chainKey().filter(k -> !k.isBlank()).isEmpty()) {
            throw new IllegalStateException("freshguard.audit.chain-key is not set: without it anyone who can write"
                    + " to the database can rewrite the audit log undetected (FRESHGUARD_AUDIT_CHAIN_KEY)");
        }
        if (config.sealInterval().isNegative() || config.sealInterval().isZero()) {
            throw new IllegalStateException("freshguard.audit.seal-interval must be a positive duration such as 1s, not "
                    + config.sealInterval());
        }
    }
}
