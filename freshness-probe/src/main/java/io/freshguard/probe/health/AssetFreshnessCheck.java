package io.freshguard.probe.health;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.Freshness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code asset-freshness}: DOWN while any asset is STALE, or UNREACHABLE for longer than its site's grace. Read
 * from the store, so every replica reports the same verdict whichever one probed.
 */
@ApplicationScoped
public class AssetFreshnessCheck {

    private final EntityManager em;
    private final SiteDirectory sites;
    private final Clock clock;

    public AssetFreshnessCheck(EntityManager em, SiteDirectory sites, Clock clock) {
        this.em = em;
        this.sites = sites;
        this.clock = clock;
    }

    @Transactional
    public HealthCheckResponse check() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("asset-freshness").up();
        Instant now = clock.instant();
        List<AssetState> states = em.createQuery("from AssetState order by key.site, key.asset", AssetState.class).getResultList();
        for (AssetState state : states) {
            Duration grace = sites.site(state.key.site()).map(s -> s.grace()).orElse(Duration.ZERO);
            boolean down = state.state == Freshness.STALE
                    || state.state == Freshness.UNREACHABLE && !now.isBefore(state.since.plus(grace));
            if (down) {
                response.down();
            }
            response.withData(state.key.site() + "/" + state.key.asset(), describe(state));
        }
        return response.build();
    }

    private static String describe(AssetState s) {
        StringBuilder out = new StringBuilder(s.state.name());
        append(out, "observed", s.observedRelease != null ? s.observedRelease
                : s.observedCommit != null ? s.observedCommit : s.observedTime);
        append(out, "expectedAfter", s.expectedAfter);
        append(out, "staleSince", s.staleSince);
        append(out, "deploy", s.deployId);
        append(out, "diagnosis", s.diagnosis);
        append(out, "checkedAt", s.checkedAt);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            out.append("; ").append(name).append('=').append(value);
        }
    }
}
