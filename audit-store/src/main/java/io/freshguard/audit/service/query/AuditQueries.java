package io.freshguard.audit.service.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.AssetObservation;
import io.freshguard.audit.domain.AuditEntry;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.domain.StaleIncident;
import io.freshguard.audit.repository.AssetEdgeRepository;
import io.freshguard.audit.repository.AssetStateRepository;
import io.freshguard.audit.repository.AuditReadRepository;
import io.freshguard.audit.repository.DeployRepository;
import io.freshguard.audit.repository.InvalidationBatchRepository;
import io.freshguard.audit.service.query.AuditViews.DeploySummary;
import io.freshguard.audit.service.query.AuditViews.IncidentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read side of the store for the morning after: deploy chains, their timelines, stale windows and
 * observations, and the raw log. Every listing is keyset-paged, newest first except the log (oldest first).
 */
@ApplicationScoped
public class AuditQueries {

    private final AuditReadRepository store;
    private final DeployRepository deploys;
    private final InvalidationBatchRepository batches;
    private final AssetStateRepository states;
    private final AssetEdgeRepository edges;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditQueries(AuditReadRepository store, DeployRepository deploys, InvalidationBatchRepository batches,
            AssetStateRepository states, AssetEdgeRepository edges, ObjectMapper json, Clock clock) {
        this.store = store;
        this.deploys = deploys;
        this.batches = batches;
        this.states = states;
        this.edges = edges;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Page<DeploySummary> deploys(String site, Instant since, Instant until, ChainStatus status, Cursor after, int limit) {
        List<DeployRecord> rows = store.deploys(site, since, until, status, after == null ? null : after.at(),
                after == null ? null : after.id(), limit + 1);
        return page(rows, limit, AuditQueries::summary, d -> new Cursor(d.receivedAt, d.id), DeploySummary.class);
    }

    @Transactional
    public Optional<AuditViews.Timeline> timeline(long id) {
        DeployRecord deploy = deploys.findById(id);
        if (deploy == null) {
            return Optional.empty();
        }
        long chainId = deploy.coalescedInto != null ? deploy.coalescedInto : deploy.id;
        List<AuditViews.BatchView> chainBatches = batches.forDeploy(chainId).stream()
                .map(AuditQueries::batchView)
                .toList();
        List<AuditViews.EventView> events = store.entriesOf(List.of(deploy.id, chainId)).stream()
                .map(e -> new AuditViews.EventView(e.seq, e.at, e.kind, e.subject, parse(e.data)))
                .toList();
        List<AuditViews.FreshView> fresh = store.firstFreshOf(deploy.id).stream()
                .map(f -> new AuditViews.FreshView(f.key.asset(), f.firstFreshAt)).toList();
        List<IncidentView> stale = store.incidentsOf(deploy.id).stream().map(this::incident).toList();
        return Optional.of(new AuditViews.Timeline(summary(deploy), store.coalescedInto(deploy.id), chainBatches, events, fresh, stale));
    }

    @Transactional
    public Page<IncidentView> incidents(String site, Instant since, Instant until, Cursor after, int limit) {
        List<StaleIncident> rows = store.incidents(site, since, until, after == null ? null : after.at(),
                after == null ? null : after.id(), limit + 1);
        return page(rows, limit, this::incident, i -> new Cursor(i.startedAt, i.id), IncidentView.class);
    }

    @Transactional
    public Page<AuditViews.ObservationView> observations(String site, String asset, Instant since, Instant until, Cursor after, int limit) {
        List<AssetObservation> rows = store.observations(site, asset, since, until, after == null ? null : after.at(),
                after == null ? null : after.id(), limit + 1);
        return page(rows, limit, o -> new AuditViews.ObservationView(o.id, o.site, o.asset, o.deployId, o.state.name(),
                o.observed().release, o.observed().commit, o.observed().time, o.httpStatus, o.firstSeen, o.lastSeen, o.observations,
                o.latencyMs, o.cdnAge, o.cdnXCache, o.cdnEtag, o.diagnosis),
                o -> new Cursor(o.firstSeen, o.id), AuditViews.ObservationView.class);
    }

    /** Every asset's current verdict, by site and asset; one page (there is one row per configured asset). */
    @Transactional
    public Page<AuditViews.AssetView> assets() {
        return new Page<>(states.all().stream().map(s -> new AuditViews.AssetView(s.key.site(), s.key.asset(),
                s.state.name(), s.since, s.deployId, s.observed().release, s.observed().commit, s.observed().time, s.expectedAfter,
                s.staleSince, s.diagnosis, s.edges, s.checkedAt)).toList(), null, AuditViews.AssetView.class);
    }

    /** Every edge that served the asset in the last day (older rows are pruned), by edge name; one page. */
    @Transactional
    public Page<AuditViews.EdgeView> edges(String site, String asset) {
        return new Page<>(edges.of(site, asset).stream().map(e -> new AuditViews.EdgeView(e.key.site(), e.key.asset(),
                e.key.edge(), e.replica, e.state.name(), e.deployId, e.observed().release, e.observed().commit, e.observed().time,
                e.httpStatus, e.checkedAt, e.diagnosis)).toList(), null, AuditViews.EdgeView.class);
    }

    /** Sealed entries in chain order; {@code after} is the last seq seen. */
    @Transactional
    public Page<AuditViews.LogEntryView> log(Cursor after, int limit) {
        List<AuditEntry> rows = store.sealedAfter(after == null ? 0L : after.id(), limit + 1);
        return page(rows, limit, e -> new AuditViews.LogEntryView(e.seq, e.at, e.kind, e.subject, e.deployId, parse(e.data),
                e.prevHash, e.hash), e -> new Cursor(null, e.seq), AuditViews.LogEntryView.class);
    }

    private IncidentView incident(StaleIncident i) {
        Instant end = i.endedAt != null ? i.endedAt : clock.instant();
        return new IncidentView(i.id, i.site, i.asset, i.deployId, i.state.name(), i.startedAt, i.endedAt,
                Duration.between(i.startedAt, end).toMillis(), i.cause, i.originOld, i.healBatchId);
    }

    static DeploySummary summary(DeployRecord d) {
        return new DeploySummary(d.id, d.site, d.sourceKind.id() + ":" + d.sourceKey, d.release, d.commit, d.actor,
                d.deployedAt, d.receivedAt, d.status.name(), d.coalescedInto, d.requestedAt, d.invalidatedAt, d.freshAt,
                millis(d.receivedAt, d.requestedAt), millis(d.receivedAt, d.invalidatedAt), millis(d.receivedAt, d.freshAt),
                d.ignoredReason);
    }

    private static AuditViews.BatchView batchView(InvalidationBatch b) {
        CdnVendor vendor = CdnVendor.ofTarget(b.target);
        boolean cloudfront = vendor == CdnVendor.CLOUDFRONT;
        return new AuditViews.BatchView(b.id, b.target, vendor.id(), cloudfront ? CdnVendor.idOf(b.target) : null,
                b.callerReference, b.pathList(), b.status.name(), b.attempts, b.purgeId, cloudfront ? b.purgeId : null,
                b.lastErrorCode, b.lastErrorMessage, b.createdAt, b.requestedAt, b.completedAt);
    }

    private static Long millis(Instant from, Instant to) {
        return to == null ? null : Duration.between(from, to).toMillis();
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            // an edited row may no longer be JSON; show it as text rather than hide it
            return json.getNodeFactory().textNode(data);
        }
    }

    private static <E, V extends CsvRow> Page<V> page(List<E> rows, int limit, Function<E, V> view,
            Function<E, Cursor> cursor, Class<V> type) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursor.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next, type);
    }

    /**
     * Where a deploy's chain stands for the wait gate: its status, since when, when the deploy went live, and why it
     * is not FRESH when the chain says so (CloudFront's last word, what superseded it, what the probe saw).
     */
    public record ChainState(ChainStatus status, String reason, Instant since, Instant liveAt, String site) {
    }

    @Transactional
    public Optional<ChainState> chainState(long deployId) {
        DeployRecord deploy = deploys.findById(deployId);
        if (deploy == null) {
            return Optional.empty();
        }
        if (deploy.status == ChainStatus.IGNORED) {
            return Optional.of(new ChainState(ChainStatus.IGNORED, "ignored: " + deploy.ignoredReason,
                    deploy.statusChangedAt, deploy.liveAt(), deploy.site));
        }
        return Optional.of(chainStateOf(deploy));
    }

    /** Where a deploy read in the caller's transaction stands for the wait gate (its own chain, or the one it is in). */
    public ChainState chainStateOf(DeployRecord deploy) {
        DeployRecord chain = deploy.coalescedInto != null ? deploys.findById(deploy.coalescedInto) : deploy;
        return new ChainState(chain.status, reason(chain), chain.statusChangedAt, deploy.liveAt(), deploy.site);
    }

    private String reason(DeployRecord chain) {
        return switch (chain.status) {
            case BLOCKED, FAILED -> batches.forDeploy(chain.id).stream().filter(b -> b.lastErrorCode != null)
                    .max(Comparator.comparing((InvalidationBatch b) -> b.id))
                    .map(b -> (chain.status == ChainStatus.BLOCKED ? "CloudFront refuses: " : "gave up: ") + b.lastErrorCode
                            + (b.lastErrorMessage == null ? "" : " " + b.lastErrorMessage)
                            + (b.status == BatchStatus.BLOCKED ? "; retried every blocked-retry-interval" : ""))
                    .orElse(chain.status.name());
            case STALE -> "customers get an older build after the invalidation completed; healing";
            case HEAL_EXHAUSTED -> "still behind after every heal: a human must look";
            case HEAL_BUDGET -> "still behind, and another heal would pass the distribution's monthly budget of billed paths";
            case SUPERSEDED -> "a later deploy of the site came before this one's build was seen";
            default -> null;
        };
    }
}
