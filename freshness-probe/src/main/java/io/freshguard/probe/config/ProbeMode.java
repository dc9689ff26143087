package io.freshguard.probe.config;

/** Which replicas run the scheduled probe cycle. */
public enum ProbeMode {
    /** One replica at a time, the holder of the probe lease. */
    LEADER,
    /** Every replica, each recording the edge it reached; an asset is FRESH only when every recent edge is. */
    EVERY_REPLICA
}
