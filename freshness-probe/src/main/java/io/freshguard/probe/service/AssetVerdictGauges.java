package io.freshguard.probe.service;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.service.runtime.StoreGaugeReadings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * {@code freshguard_assets{site,asset,verdict}}: 1 for each asset's current verdict and 0 for the others, read from
 * the store so every replica reports the same (not only the one that probes). One read serves a whole scrape.
 */
@ApplicationScoped
public class AssetVerdictGauges {

    private final ProbeProgress progress;
    private final StoreGaugeReadings readings;

    public AssetVerdictGauges(ProbeProgress progress, StoreGaugeReadings readings) {
        this.progress = progress;
        this.readings = readings;
    }

    void register(@Observes StartupEvent event, SiteDirectory sites, MeterRegistry metrics) {
        sites.sites().keySet().forEach(site -> sites.assets(site).keySet().forEach(asset -> {
            AssetState.Key key = new AssetState.Key(site, asset);
            for (Freshness verdict : Freshness.values()) {
                Gauge.builder("freshguard.assets", this, g -> verdict == g.verdicts().get(key) ? 1 : 0)
                        .tags("site", site, "asset", asset, "verdict", verdict.name())
                        .description("1 for the asset's current verdict (from the store), 0 for the others")
                        .register(metrics);
            }
        }));
    }

    /** Every gauge of a scrape (and of the scrapes that follow within the period) shares one read. */
    private Map<AssetState.Key, Freshness> verdicts() {
        return readings.read("freshguard.assets", progress::verdicts, Map.of());
    }
}
