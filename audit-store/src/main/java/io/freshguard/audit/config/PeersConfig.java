package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How replicas wake each other through the store ({@code LISTEN/NOTIFY}): {@code freshguard.peers.*}. */
@ConfigMapping(prefix = "freshguard.peers")
public interface PeersConfig {

    /**
     * How long the listening connection may hear nothing before it sends a heartbeat notice to itself: a connection
     * that only reads cannot tell a quiet channel from a dead one (a NAT or a failover that dropped it without a FIN).
     */
    @WithDefault("PT10S")
    Duration heartbeat();

    /** A listening connection that has heard nothing, its own heartbeat included, for this long is replaced. */
    @WithDefault("PT30S")
    Duration deafAfter();
}
