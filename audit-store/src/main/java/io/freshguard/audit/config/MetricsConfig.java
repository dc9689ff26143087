package io.freshguard.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Metrics read from the store: {@code freshguard.metrics.*}. */
@ConfigMapping(prefix = "freshguard.metrics")
public interface MetricsConfig {

    /**
     * A gauge read from the store is read at most this often (set it to the scrape interval): a flood of scrapes costs
     * one query per gauge per period, never one per scrape.
     */
    @WithDefault("PT15S")
    Duration storeReadsEvery();
}
