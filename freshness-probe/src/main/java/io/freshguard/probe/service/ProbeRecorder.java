package io.freshguard.probe.service;

import io.freshguard.audit.domain.AssetEdge;
import io.freshguard.audit.domain.AssetObservation;
import io.freshguard.audit.domain.AssetState;
import io.freshguard.audit.domain.AuditKind;
import io.freshguard.audit.domain.AuditSubject;
import io.freshguard.audit.domain.ChainEvent;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployAssetFresh;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.Freshness;
import io.freshguard.audit.domain.ObservedBuild;
import io.freshguard.audit.domain.StaleIncident;
import io.freshguard.audit.domain.StoredText;
import io.freshguard.audit.repository.AssetEdgeRepository;
import io.freshguard.audit.repository.AssetObservationRepository;
import io.freshguard.audit.repository.AssetStateRepository;
import io.freshguard.audit.repository.DeployAssetFreshRepository;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.repository.StaleIncidentRepository;
import io.freshguard.audit.service.chain.DeployChain;
import io.freshguard.audit.service.chain.WorkDue;
import io.freshguard.audit.service.log.AuditTrail;
import io.freshguard.probe.config.ProbeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stores what the probe saw: the current verdict, a run-length observation history, stale windows as
 * incidents, the first FRESH sighting per asset per deploy, and the chain's move to FRESH once all its assets are.
 */
@ApplicationScoped
public class ProbeRecorder {

    private final AssetStateRepository stateRows;
    private final AssetEdgeRepository edgeRows;
    private final AssetObservationRepository observations;
    private final StaleIncidentRepository incidents;
    private final DeployAssetFreshRepository freshSightings;
    private final DeployRepository deploys;
    private final InvalidationBatchRepository batches;
    private final AuditTrail audit;
    private final DeployChain chains;
    private final MeterRegistry metrics;
    private final ProbeConfig config;
    private final Event<WorkDue> workDue;

    public ProbeRecorder(AssetStateRepository states, AssetEdgeRepository edgeRows, AssetObservationRepository observations,
            StaleIncidentRepository incidents, DeployAssetFreshRepository freshSightings, DeployRepository deploys,
            InvalidationBatchRepository batches, AuditTrail audit, DeployChain chains, MeterRegistry metrics, ProbeConfig config,
            Event<WorkDue> workDue) {
        this.workDue = workDue;
        this.stateRows = states;
        this.edgeRows = edgeRows;
        this.observations = observations;
        this.incidents = incidents;
        this.freshSightings = freshSightings;
        this.deploys = deploys;
        this.batches = batches;
        this.chains = chains;
        this.config = config;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Records one cycle's results in one transaction, reading what it needs (current states, edges, the latest
     * observation run and open incident of each asset) in four queries rather than four per asset.
     */
    @Transactional
    public void recordAll(List<AssetResult> results, Map<String, Set<String>> assetsBySite, String replica,
            Instant observedAt) {
        Instant now = observedAt.truncatedTo(ChronoUnit.MICROS);
        Map<AssetState.Key, AssetState> states = new HashMap<>();
        // replicas recording at once take turns here, so each folds in the edges the other has just committed
        stateRows.lockAll().forEach(st -> states.put(st.key, st));
        Map<AssetState.Key, List<AssetEdge>> edges = new HashMap<>();
        edgeRows.all().forEach(e -> edges.computeIfAbsent(
                new AssetState.Key(e.key.site(), e.key.asset()), k -> new ArrayList<>()).add(e));
        Map<AssetState.Key, AssetObservation> lastRuns = new HashMap<>();
        observations.latestRuns().forEach(o -> lastRuns.put(new AssetState.Key(o.site, o.asset), o));
        Map<AssetState.Key, StaleIncident> openIncidents = new HashMap<>();
        incidents.open()
                .forEach(i -> openIncidents.put(new AssetState.Key(i.site, i.asset), i));
        // an edge counts while it was seen within the last probe interval (and the fetch time it may take)
        Instant since = now.minus(config.interval()).minus(config.timeout());
        boolean behind = false;
        Map<String, List<AssetResult>> passBySite = new HashMap<>();
        for (AssetResult result : results) {
            AssetState.Key key = new AssetState.Key(result.asset().site(), result.asset().asset());
            List<AssetEdge> seen = edges.computeIfAbsent(key, k -> new ArrayList<>());
            result.edges().forEach(verdict -> recordEdge(seen, key, verdict, replica, now));
            EdgeVerdicts.Folded folded = EdgeVerdicts.fold(result, seen, since);
            AssetResult combined = folded.result();
            behind |= combined.deployId() != null && (combined.state() == Freshness.PENDING || combined.state() == Freshness.STALE);
            record(combined, states.get(key), lastRuns.get(key), openIncidents.get(key), now).edges = fit(folded.edges(), 500);
            passBySite.computeIfAbsent(key.site(), s -> new ArrayList<>()).add(combined);
        }
        passBySite.forEach((site, pass) -> judgeChain(pass, assetsBySite.get(site), now));
        // an edge not seen for a day has left the CDN's routing for this replica: its row is history, not evidence
        edgeRows.pruneSeenBefore(now.minus(Duration.ofDays(1)));
        if (behind) {
            // a heal may be due: the worker looks once this commits, not at its next re-check
            workDue.fire(new WorkDue("an asset is behind its deploy"));
        }
    }

    private void recordEdge(List<AssetEdge> seen, AssetState.Key asset, AssetResult.EdgeVerdict verdict, String replica,
            Instant now) {
        String name = fit(verdict.edge(), 200);
        AssetEdge edge = seen.stream().filter(e -> e.key.edge().equals(name)).findFirst().orElse(null);
        if (edge == null) {
            edge = new AssetEdge();
            edge.key = new AssetEdge.Key(asset.site(), asset.asset(), name);
            seen.add(edge);
        }
        AssetResult result = verdict.result();
        edge.replica = fit(replica, 200);
        edge.state = result.state();
        edge.deployId = result.deployId();
        edge.observed = observed(result.fetch());
        edge.httpStatus = result.fetch().status();
        edge.diagnosis = fit(result.diagnosis(), 500);
        edge.checkedAt = now;
        if (!edgeRows.isPersistent(edge)) {
            edgeRows.persist(edge);
        }
    }

    private AssetState record(AssetResult result, AssetState state, AssetObservation lastRun, StaleIncident openIncident,
            Instant now) {
        ProbedAsset asset = result.asset();
        Freshness previous = state == null ? null : state.state;
        boolean changed = previous != result.state() || state.deployId == null && result.deployId() != null
                || state.deployId != null && !state.deployId.equals(result.deployId());
        if (state == null) {
            state = new AssetState();
            state.key = new AssetState.Key(asset.site(), asset.asset());
        }
        if (changed) {
            state.since = now;
        }
        state.staleSince = !result.state().isBad() ? null : previous != null && previous.isBad() ? state.staleSince : now;
        boolean isNew = previous == null;
        apply(state, result, now);
        if (isNew) {
            stateRows.persist(state);
        }

        observe(result, lastRun, now);
        trackIncident(result, openIncident, now);
        if (changed) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", previous == null ? null : previous.name());
            data.put("to", result.state().name());
            data.put("httpStatus", result.fetch().status());
            data.put("observed", describe(result.fetch()));
            data.put("diagnosis", result.diagnosis());
            audit.append(AuditKind.of(result.state()), AuditSubject.asset(asset.site(), asset.asset()), result.deployId(), data);
        }
        if (result.state() == Freshness.FRESH && result.deployId() != null) {
            firstSighting(result.deployId(), asset, now);
        }
        return state;
    }

    private static void apply(AssetState state, AssetResult result, Instant now) {
        AssetFetcher.Fetch fetch = result.fetch();
        state.state = result.state();
        state.deployId = result.deployId();
        state.observed = observed(fetch);
        state.expectedAfter = result.expectedAfter();
        state.diagnosis = fit(result.diagnosis(), 500);
        state.originOld = result.originOld();
        state.httpStatus = fetch.status();
        state.latencyMs = (int) fetch.latencyMs();
        state.bytesRead = fetch.bytesRead();
        state.cdnAge = fit(fetch.age(), 50);
        state.cdnXCache = fit(fetch.xCache(), 200);
        state.cdnEtag = fit(fetch.etag(), 200);
        state.checkedAt = now;
    }

    private void observe(AssetResult result, AssetObservation last, Instant now) {
        ProbedAsset asset = result.asset();
        ObservedBuild seen = observed(result.fetch());
        boolean same = last != null && last.state == result.state() && Objects.equals(last.deployId, result.deployId())
                && Objects.equals(last.httpStatus, result.fetch().status()) && last.observed().equals(seen);
        if (!same) {
            last = new AssetObservation();
            last.site = asset.site();
            last.asset = asset.asset();
            last.deployId = result.deployId();
            last.state = result.state();
            last.observed = seen;
            last.httpStatus = result.fetch().status();
            last.firstSeen = now;
            last.observations = 0;
        }
        last.diagnosis = fit(result.diagnosis(), 500);
        last.lastSeen = now;
        last.observations++;
        last.latencyMs = (int) result.fetch().latencyMs();
        last.cdnAge = fit(result.fetch().age(), 50);
        last.cdnXCache = fit(result.fetch().xCache(), 200);
        last.cdnEtag = fit(result.fetch().etag(), 200);
        if (last.id == null) {
            observations.persist(last);
        }
    }

    private void trackIncident(AssetResult result, StaleIncident open, Instant now) {
        ProbedAsset asset = result.asset();
        if (open != null && (!result.state().isBad() || !Objects.equals(open.deployId, result.deployId()))) {
            open.endedAt = now;
            open.healBatchId = healThatEnded(open);
            open = null;
        }
        if (open == null && result.state().isBad()) {
            StaleIncident incident = new StaleIncident();
            incident.site = asset.site();
            incident.asset = asset.asset();
            incident.deployId = result.deployId();
            incident.state = result.state();
            incident.startedAt = now;
            incident.cause = fit(result.diagnosis(), 500);
            incident.originOld = result.originOld();
            incidents.persist(incident);
        }
    }

    /** A heal of the window's deploy that completed while the window was open: it is what ended it. */
    private Long healThatEnded(StaleIncident incident) {
        if (incident.deployId == null) {
            return null;
        }
        DeployRecord deploy = deploys.findById(incident.deployId);
        long chain = deploy == null || deploy.coalescedInto == null ? incident.deployId : deploy.coalescedInto;
        return batches.healCompletedSince(chain, incident.startedAt).orElse(null);
    }

    /** The first time an asset was seen serving a deploy's build, for the chain's timeline. */
    private void firstSighting(long deployId, ProbedAsset asset, Instant now) {
        DeployAssetFresh.Key key = new DeployAssetFresh.Key(deployId, asset.asset());
        if (freshSightings.findById(key) != null) {
            return;
        }
        DeployAssetFresh fresh = new DeployAssetFresh();
        fresh.key = key;
        fresh.site = asset.site();
        fresh.firstFreshAt = now;
        freshSightings.persist(fresh);
    }

    /**
     * What one pass over a site proves about its deploy's chain. Only a pass that judged every asset of the site
     * says anything: FRESH when every asset (each already the worst of its copies and recent edges) is FRESH, behind
     * when any serves an older build. A pass over part of the site proves neither.
     */
    private void judgeChain(List<AssetResult> pass, Set<String> siteAssets, Instant now) {
        Long deployId = pass.get(0).deployId();
        if (deployId == null || siteAssets == null || pass.size() < siteAssets.size()
                || pass.stream().anyMatch(r -> !deployId.equals(r.deployId()))) {
            return;
        }
        PassVerdict verdict = PassVerdict.of(pass.stream().map(AssetResult::state).toList());
        if (verdict == PassVerdict.UNKNOWN) {
            return;
        }
        DeployRecord deploy = deploys.findById(deployId);
        DeployRecord chain = deploy.coalescedInto != null ? deploys.findById(deploy.coalescedInto) : deploy;
        if (verdict == PassVerdict.FRESH) {
            boolean first = chain.freshAt == null;
            Map<String, Object> data = Map.of("deployToFreshMs", Duration.between(deploy.receivedAt, now).toMillis(),
                    "deploy", deployId);
            if (chains.apply(chain, ChainEvent.SEEN_FRESH, now, data) && first) {
                Timer.builder("freshguard.deploy.to.fresh")
                        .description("From receiving a deploy to the first probe pass that saw every copy of all of its"
                                + " site's assets fresh at every recent edge")
                        .publishPercentileHistogram()
                        .register(metrics)
                        .record(Duration.between(deploy.receivedAt, now));
            }
        } else if (chain.status == ChainStatus.FRESH
                || chain.invalidatedAt != null && now.isAfter(chain.invalidatedAt)) {
            // a look begun before the invalidation completed says nothing about what it did
            chains.apply(chain, ChainEvent.SEEN_BEHIND, now, Map.of("deploy", deployId, "assets",
                    pass.stream().filter(r -> PassVerdict.isBehind(r.state())).map(r -> r.asset().asset() + ": "
                            + fit(r.diagnosis(), 300)).toList()));
        }
    }

    /** The build a fetch read, as the store keeps it. */
    private static ObservedBuild observed(AssetFetcher.Fetch fetch) {
        return fetch.marker().map(m -> ObservedBuild.of(m.release(), m.commit(), m.time())).orElseGet(ObservedBuild::none);
    }

    private static String describe(AssetFetcher.Fetch fetch) {
        if (fetch.marker().isEmpty()) {
            return fetch.error();
        }
        BuildMarker.Marker m = fetch.marker().get();
        StringBuilder out = new StringBuilder();
        if (m.release() != null) {
            out.append("release ").append(m.release()).append(' ');
        }
        if (m.commit() != null) {
            out.append("commit ").append(m.commit()).append(' ');
        }
        if (m.time() != null) {
            out.append("built ").append(m.time());
        }
        return out.toString().trim();
    }

    /**
     * Shortens what a CDN or a build marker sent to its column's width (V3), with a visible marker: one asset's long
     * header or capture must not fail the transaction that records every asset's verdict.
     */
    static String fit(String value, int width) {
        return StoredText.fit(value, width, "…");
    }
}
