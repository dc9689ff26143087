package io.freshguard.probe.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;

/**
 * {@code freshguard_assets{site,asset,verdict}}: 1 for each asset's current verdict and 0 for the others, read from
 * the store so every replica reports the same (not only the one that probes). One read serves a whole scrape.
 */
@ApplicationScoped
public class AssetVerdictGauges {

    /** A scrape reads every gauge in a row; they share one snapshot this fresh. */
    private static final Duration SNAPSHOT_FOR = Duration.ofSeconds(2);

    private final ProbeProgress progress;
    private volatile Map<AssetState.Key, Freshness> snapshot = Map.of();
    private volatile long snapshotAt;

    public AssetVerdictGauges(ProbeProgress progress) {
        this.progress = progress;
    }

    void register(@Observes StartupEvent event, SiteDirectory sites, MeterRegistry metrics) {
        sites.sites().forEach((site, settings) -> settings.assets().keySet().forEach(asset -> {
            AssetState.Key key = new AssetState.Key(site, asset);
            for (Freshness verdict : Freshness.values()) {
                Gauge.builder("freshguard.assets", this, g -> verdict == g.verdicts().get(key) ? 1 : 0)
                        .tags("site", site, "asset", asset, "verdict", verdict.name())
                        .description("1 for the asset's current verdict (from the store), 0 for the others")
                        .register(metrics);
            }
        }));
    }

    private Map<AssetState.Key, Freshness> verdicts() {
        long now = System.nanoTime();
        if (now - snapshotAt > SNAPSHOT_FOR.toNanos()) {
            snapshot = progress.verdicts();
            snapshotAt = now;
        }
        return snapshot;
    }
}
