package io.freshguard.audit.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Production never serves the audit API without a token: start-up fails instead. */
@ApplicationScoped
public class AuditApiGuard {

    void check(@Observes StartupEvent event, AuditConfig config) {
        if (LaunchMode.current() == LaunchMode.NORMAL && config.apiEnabled() && config.token().isEmpty()) {
            throw new IllegalStateException("freshguard.audit.token is not set: set it, or disable the audit API with"
                    + " freshguard.audit.api-enabled=false");
        }
    }
}
