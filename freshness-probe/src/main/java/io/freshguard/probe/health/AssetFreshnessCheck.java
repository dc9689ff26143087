package io.freshguard.probe.health;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.ObservedBuild;
import io.freshguard.audit.repository.AssetStateRepository;
import io.freshguard.probe.config.ProbeConfig;
import io.freshguard.probe.service.ProbeProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code asset-freshness}: DOWN while any asset is STALE, or UNREACHABLE for longer than its site's grace. Read
 * from the store, so every replica reports the same verdict whichever one probed.
 */
@ApplicationScoped
public class AssetFreshnessCheck {

    /** Verdicts not renewed for this many probe intervals mean the probe has stalled. */
    static final int STALL_INTERVALS = 3;

    private final AssetStateRepository repository;
    private final SiteDirectory sites;
    private final ProbeConfig config;
    private final ProbeProgress progress;
    private final Clock clock;

    public AssetFreshnessCheck(AssetStateRepository repository, SiteDirectory sites, ProbeConfig config, ProbeProgress progress, Clock clock) {
        this.repository = repository;
        this.sites = sites;
        this.config = config;
        this.progress = progress;
        this.clock = clock;
    }

    @Transactional
    public HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("asset-freshness").up();
        Instant now = clock.instant();
        Instant stalledBefore = now.minus(config.interval().multipliedBy(STALL_INTERVALS));
        Map<AssetState.Key, AssetState> states = new LinkedHashMap<>();
        repository.all().forEach(state -> states.put(state.key, state));
        for (AssetState state : states.values()) {
            Duration grace = sites.site(state.key.site()).map(s -> s.grace()).orElse(Duration.ZERO);
            boolean down = state.state == Freshness.STALE
                    || state.state == Freshness.UNREACHABLE && !now.isBefore(state.since.plus(grace));
            if (down) {
                response.down();
            }
            response.withData(state.key.site() + "/" + state.key.asset(), describe(state));
        }
        sites.sites().keySet().forEach(site -> sites.assets(site).keySet().forEach(asset -> {
            AssetState state = states.get(new AssetState.Key(site, asset));
            Instant since = state == null ? progress.startedAt() : state.checkedAt;
            if (since.isBefore(stalledBefore)) {
                // the last verdict is only as good as its age: one not renewed is a failure of its own
                response.down().withData(site + "/" + asset, "probe stalled since " + since
                        + (state == null ? "; never probed" : "; last verdict: " + describe(state)));
            }
        }));
        return response.build();
    }

    private static String describe(AssetState s) {
        StringBuilder out = new StringBuilder(s.state.name());
        ObservedBuild seen = s.observed();
        append(out, "observed", seen.release != null ? seen.release : seen.commit != null ? seen.commit : seen.time);
        append(out, "expectedAfter", s.expectedAfter);
        append(out, "staleSince", s.staleSince);
        append(out, "deploy", s.deployId);
        append(out, "diagnosis", s.diagnosis);
        append(out, "edges", s.edges);
        append(out, "checkedAt", s.checkedAt);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            out.append("; ").append(name).append('=').append(value);
        }
    }
}
