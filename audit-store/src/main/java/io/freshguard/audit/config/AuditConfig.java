package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The audit store and its query API: {@code freshguard.audit.*}. */
@ConfigMapping(prefix = "freshguard.audit")
public interface AuditConfig {

    /**
     * Bearer tokens that read everything: the {@code /audit} API and the dashboard sign-in. Comma-separated, so old and
     * new work together during a rotation; without one the API answers 401 to everyone (and prod refuses to start).
     */
    Optional<List<String>> token();

    /**
     * Bearer tokens for CI, comma-separated: they read only the gates ({@code /audit/sites/{site}/commits|releases/…}
     * and {@code /audit/deploys/{id}/wait}) and sign deploy notices for {@code /webhooks/generic}; never the audit log
     * or the dashboard.
     */
    Optional<List<String>> ciToken();

    /** Whether the {@code /audit} query API is served at all. */
    @WithDefault("true")
    boolean apiEnabled();

    /** How often unsealed audit entries are given their place in the hash chain. */
    @WithDefault("1s")
    Duration sealInterval();

    /**
     * How often the audit log is verified by itself, from where the last verification ended to the current head, one
     * page per transaction; the result is {@code freshguard_audit_last_verify_ok}.
     */
    @WithDefault("PT5M")
    Duration verifyInterval();

    /** How many entries one sealing transaction takes at most. */
    @WithDefault("2000")
    int sealBatchSize();

    /**
     * HMAC key of the audit hash chain, from the environment or a mounted file, never stored in the database;
     * production refuses to start without it.
     */
    Optional<String> chainKey();

    /** How long asset observations (and settled notices) are kept; deploy chains and the audit log are kept for ever. */
    @WithDefault("P90D")
    Duration observationRetention();

    /** How long a stale window is kept after it closed (for post-incident reviews); open ones are kept until they close. */
    @WithDefault("P400D")
    Duration incidentRetention();
}
