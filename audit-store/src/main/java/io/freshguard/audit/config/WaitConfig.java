package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gate pipelines wait on: {@code freshguard.wait.*}. */
@ConfigMapping(prefix = "freshguard.wait")
public interface WaitConfig {

    /** A BLOCKED chain retries by itself; the gate answers 409 only once it has been BLOCKED this long. */
    @WithDefault("PT2M")
    Duration blockedAfter();

    /**
     * Longest the commit gate holds one request before answering 202 with the chain's state: inside Heroku's 30 s
     * router limit and every proxy's idle timeout.
     */
    @WithDefault("PT20S")
    Duration hold();

    /**
     * How often a waiting request's chain is read again: held commit-gate requests (one read per site, and at once
     * when a chain moves) and the deploy-id gate.
     */
    @WithDefault("PT0.5S")
    Duration lookEvery();
}
