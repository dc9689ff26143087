package io.freshguard.service.dashboard;

import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.query.AuditViews;
import io.freshguard.audit.service.query.Cursor;
import io.freshguard.invalidation.service.CdnAccess;
import io.freshguard.service.dashboard.DashboardViews.AssetCard;
import io.freshguard.service.dashboard.DashboardViews.Bar;
import io.freshguard.service.dashboard.DashboardViews.ChainBar;
import io.freshguard.service.dashboard.DashboardViews.SiteCard;
import io.freshguard.service.dashboard.DashboardViews.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the dashboard's pages from what the audit API reads; it changes nothing. */
@ApplicationScoped
public class DashboardPages {

    static final int CHART_DEPLOYS = 30;
    static final int CHART_HEIGHT = 120;
    static final int BAR_WIDTH = 18;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final AuditQueries queries;
    private final SiteDirectory sites;
    private final CdnAccess cdn;
    private final Clock clock;

    public DashboardPages(AuditQueries queries, SiteDirectory sites, CdnAccess cdn, Clock clock) {
        this.queries = queries;
        this.sites = sites;
        this.cdn = cdn;
        this.clock = clock;
    }

    public DashboardViews.Overview overview() {
        Map<String, List<AuditViews.AssetView>> assets = queries.assets().items().stream()
                .collect(Collectors.groupingBy(AuditViews.AssetView::site));
        Map<String, CdnAccess.Refusal> refusals = cdn.refusals();
        Map<String, Instant> canary = cdn.canaryChecks();
        Map<String, Instant> expiries = cdn.tokenExpiries();
        List<SiteCard> cards = new ArrayList<>();
        sites.sites().forEach((name, site) -> {
            Optional<AuditViews.DeploySummary> latest = queries.deploys(name, null, null, null, null, 1).items().stream().findFirst();
            Map<String, AuditViews.AssetView> states = assets.getOrDefault(name, List.of()).stream()
                    .collect(Collectors.toMap(AuditViews.AssetView::asset, Function.identity()));
            List<AssetCard> assetCards = sites.assets(name).keySet().stream().sorted()
                    .map(asset -> assetCard(asset, states.get(asset), latest.orElse(null))).toList();
            // any refused target blocks the site; the oldest canary check says how current the card is
            List<String> targets = sites.targets(name).stream().map(PurgeTarget::key).toList();
            CdnAccess.Refusal refusal = targets.stream().map(refusals::get).filter(Objects::nonNull).findFirst().orElse(null);
            String state = refusal == null ? "OK" : "BLOCKED: " + refusal.code() + " since " + time(refusal.since());
            // a token the vendor says expires soon still works: the card says so beside OK
            state += targets.stream().filter(cdn::expiringSoon)
                    .map(t -> " · API token of " + t + " expires " + time(expiries.get(t))).collect(Collectors.joining());
            Instant checked = targets.stream().map(canary::get).filter(Objects::nonNull).min(Instant::compareTo)
                    .orElse(null);
            cards.add(new SiteCard(name, String.join(", ", targets), refusal != null, state,
                    checked == null ? "not yet" : time(checked), assetCards, latest.map(DashboardPages::chain).orElse(null)));
        });
        cards.sort((a, b) -> a.name().compareTo(b.name()));
        List<AuditViews.IncidentView> open = queries.incidents(null, null, null, null, 200).items().stream()
                .filter(i -> i.endedAt() == null).toList();
        List<AuditViews.DeploySummary> recent = new ArrayList<>(queries.deploys(null, null, null, null, null, CHART_DEPLOYS * 3)
                .items().stream().filter(d -> d.receivedToFreshMs() != null).limit(CHART_DEPLOYS).toList());
        Collections.reverse(recent);
        long max = recent.stream().mapToLong(AuditViews.DeploySummary::receivedToFreshMs).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < recent.size(); i++) {
            AuditViews.DeploySummary d = recent.get(i);
            int height = max == 0 ? 1 : (int) Math.max(1, d.receivedToFreshMs() * CHART_HEIGHT / max);
            bars.add(new Bar(d.id(), "deploy " + d.id() + " (" + d.site() + "): fresh after " + millis(d.receivedToFreshMs()),
                    i * (BAR_WIDTH + 4), CHART_HEIGHT - height, height));
        }
        return new DashboardViews.Overview(cards, open, bars, millis(max), time(clock.instant()));
    }

    public DashboardViews.DeployList deploys(String site, ChainStatus status, Cursor after, int limit) {
        var page = queries.deploys(site, null, null, status, after, limit);
        return new DashboardViews.DeployList(page.items(), site, status == null ? null : status.name(), page.next(),
                sites.sites().keySet().stream().sorted().toList(), Arrays.stream(ChainStatus.values()).map(Enum::name).toList());
    }

    private static AssetCard assetCard(String asset, AuditViews.AssetView state, AuditViews.DeploySummary latest) {
        String expected = latest == null ? "no deploy yet"
                : latest.release() != null ? latest.release() : latest.commit() != null ? latest.commit()
                : state != null && state.expectedAfter() != null ? "built after " + time(state.expectedAfter()) : "deploy " + latest.id();
        if (state == null) {
            return new AssetCard(asset, "UNCHECKED", "not probed yet", expected, null, null, "never", null);
        }
        String observed = state.observedRelease() != null ? state.observedRelease()
                : state.observedCommit() != null ? state.observedCommit()
                : state.observedTime() != null ? "built " + time(state.observedTime()) : "no build marker";
        return new AssetCard(asset, state.state(), observed, expected, state.diagnosis(), state.edges(),
                time(state.checkedAt()), time(state.since()));
    }

    static ChainBar chain(AuditViews.DeploySummary d) {
        ChainStatus status = ChainStatus.valueOf(d.status());
        List<Step> steps = List.of(
                new Step("RECEIVED", true, "at " + time(d.receivedAt())),
                new Step("REQUESTED", d.requestedAt() != null, d.receivedToRequestedMs() == null ? "" : "+" + millis(d.receivedToRequestedMs())),
                new Step("INVALIDATED", d.invalidatedAt() != null, d.receivedToInvalidatedMs() == null ? "" : "+" + millis(d.receivedToInvalidatedMs())),
                new Step("FRESH", d.freshAt() != null, d.receivedToFreshMs() == null ? "" : "+" + millis(d.receivedToFreshMs())));
        boolean offPath = !List.of(ChainStatus.RECEIVED, ChainStatus.REQUESTED, ChainStatus.INVALIDATED, ChainStatus.FRESH)
                .contains(status);
        String release = d.release() != null ? d.release() : d.commit();
        return new ChainBar(d.id(), release, d.status(), time(d.receivedAt()), steps, offPath);
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String millis(Long ms) {
        if (ms == null) {
            return "";
        }
        Duration d = Duration.ofMillis(ms);
        return ms < 1000 ? ms + " ms" : d.toMinutes() < 1 ? String.format("%.1f s", ms / 1000.0)
                : d.toHours() < 1 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
