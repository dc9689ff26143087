package io.freshguard.audit.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;

/**
 * Production never serves the audit API without a token or with one that can be guessed, nor keeps an unkeyed audit
 * chain, and no configuration leaves the chain unsealed: start-up fails instead, naming the property.
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
        // the packaged application under the test profile (integration tests) keeps the suite's readable tokens
        if (LaunchMode.current() == LaunchMode.NORMAL && !ConfigUtils.getProfiles().contains("test")) {
            requireStrong("freshguard.audit.token", CredentialList.entries(config.token()));
            requireStrong("freshguard.audit.ci-token", CredentialList.entries(config.ciToken()));
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

    /** Names the property and the entry's place, never its value. */
    private static void requireStrong(String property, List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            double bits = CredentialList.estimatedBits(tokens.get(i));
            if (bits < CredentialList.MIN_BITS) {
                throw new IllegalStateException(String.format("%s: entry %d of %d is too weak to be guessed at (about %.0f bits;"
                        + " a token needs %d: 32 random bytes, e.g. `openssl rand -hex 32`)", property, i + 1, tokens.size(), bits,
                        CredentialList.MIN_BITS));
            }
        }
    }
}
