package io.freshguard.audit.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.audit.domain.AssetObservation;
import io.freshguard.audit.domain.AuditEntry;
import io.freshguard.audit.domain.BatchStatus;
import io.freshguard.audit.domain.ChainStatus;
import io.freshguard.audit.domain.DeployAssetFresh;
import io.freshguard.audit.domain.DeployRecord;
import io.freshguard.audit.domain.InvalidationBatch;
import io.freshguard.audit.domain.StaleIncident;
import io.freshguard.audit.rest.AuditQuery.Cursor;
import io.freshguard.audit.rest.AuditViews;
import io.freshguard.audit.rest.AuditViews.DeploySummary;
import io.freshguard.audit.rest.AuditViews.IncidentView;
import io.freshguard.audit.rest.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read side of the store for the morning after: deploy chains, their timelines, stale windows and
 * observations, and the raw log. Every listing is keyset-paged, newest first except the log (oldest first).
 */
@ApplicationScoped
public class AuditQueries {

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditQueries(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Page<DeploySummary> deploys(String site, Instant since, Instant until, ChainStatus status, Cursor after, int limit) {
        Filter f = new Filter("from DeployRecord d");
        f.and(site != null, "d.site = :site", "site", site);
        f.and(since != null, "d.receivedAt >= :since", "since", since);
        f.and(until != null, "d.receivedAt < :until", "until", until);
        f.and(status != null, "d.status = :status", "status", status);
        if (after != null) {
            f.and(true, "(d.receivedAt < :afterAt or (d.receivedAt = :afterAt and d.id < :afterId))", "afterAt", after.at());
            f.params.put("afterId", after.id());
        }
        List<DeployRecord> rows = f.query(em, " order by d.receivedAt desc, d.id desc", DeployRecord.class, limit + 1);
        return page(rows, limit, AuditQueries::summary, d -> new Cursor(d.receivedAt, d.id), AuditViews.DEPLOY_COLUMNS);
    }

    @Transactional
    public Optional<AuditViews.Timeline> timeline(long id) {
        DeployRecord deploy = em.find(DeployRecord.class, id);
        if (deploy == null) {
            return Optional.empty();
        }
        long chainId = deploy.coalescedInto != null ? deploy.coalescedInto : deploy.id;
        List<Long> coalesced = em.createQuery("select d.id from DeployRecord d where d.coalescedInto = ?1 order by d.id", Long.class)
                .setParameter(1, deploy.id).getResultList();
        List<AuditViews.BatchView> batches = em.createQuery("from InvalidationBatch b where b.deployId = ?1 order by b.id",
                InvalidationBatch.class).setParameter(1, chainId).getResultList().stream()
                .map(b -> new AuditViews.BatchView(b.id, b.distributionId, b.callerReference, b.pathList(), b.status.name(),
                        b.attempts, b.cloudfrontId, b.lastErrorCode, b.lastErrorMessage, b.createdAt, b.requestedAt, b.completedAt))
                .toList();
        List<AuditViews.EventView> events = em.createQuery("from AuditEntry e where e.deployId in ?1 order by e.id", AuditEntry.class)
                .setParameter(1, List.of(deploy.id, chainId)).getResultList().stream()
                .map(e -> new AuditViews.EventView(e.seq, e.at, e.kind, e.subject, parse(e.data)))
                .toList();
        List<AuditViews.FreshView> fresh = em.createQuery("from DeployAssetFresh f where f.key.deployId = ?1 order by f.firstFreshAt",
                DeployAssetFresh.class).setParameter(1, deploy.id).getResultList().stream()
                .map(f -> new AuditViews.FreshView(f.key.asset(), f.firstFreshAt)).toList();
        List<IncidentView> stale = em.createQuery("from StaleIncident i where i.deployId = ?1 order by i.startedAt, i.id",
                StaleIncident.class).setParameter(1, deploy.id).getResultList().stream().map(this::incident).toList();
        return Optional.of(new AuditViews.Timeline(summary(deploy), coalesced, batches, events, fresh, stale));
    }

    @Transactional
    public Page<IncidentView> incidents(String site, Instant since, Instant until, Cursor after, int limit) {
        Filter f = new Filter("from StaleIncident i");
        f.and(site != null, "i.site = :site", "site", site);
        // windows that overlap [since, until): still open, or ended after since
        f.and(since != null, "(i.endedAt is null or i.endedAt >= :since)", "since", since);
        f.and(until != null, "i.startedAt < :until", "until", until);
        if (after != null) {
            f.and(true, "(i.startedAt < :afterAt or (i.startedAt = :afterAt and i.id < :afterId))", "afterAt", after.at());
            f.params.put("afterId", after.id());
        }
        List<StaleIncident> rows = f.query(em, " order by i.startedAt desc, i.id desc", StaleIncident.class, limit + 1);
        return page(rows, limit, this::incident, i -> new Cursor(i.startedAt, i.id), AuditViews.INCIDENT_COLUMNS);
    }

    @Transactional
    public Page<AuditViews.ObservationView> observations(String site, String asset, Instant since, Instant until, Cursor after, int limit) {
        Filter f = new Filter("from AssetObservation o");
        f.and(true, "o.site = :site and o.asset = :asset", "site", site);
        f.params.put("asset", asset);
        f.and(since != null, "o.lastSeen >= :since", "since", since);
        f.and(until != null, "o.firstSeen < :until", "until", until);
        if (after != null) {
            f.and(true, "(o.firstSeen < :afterAt or (o.firstSeen = :afterAt and o.id < :afterId))", "afterAt", after.at());
            f.params.put("afterId", after.id());
        }
        List<AssetObservation> rows = f.query(em, " order by o.firstSeen desc, o.id desc", AssetObservation.class, limit + 1);
        return page(rows, limit, o -> new AuditViews.ObservationView(o.id, o.site, o.asset, o.deployId, o.state.name(),
                o.observedRelease, o.observedCommit, o.observedTime, o.httpStatus, o.firstSeen, o.lastSeen, o.observations,
                o.latencyMs, o.cdnAge, o.cdnXCache, o.cdnEtag, o.diagnosis),
                o -> new Cursor(o.firstSeen, o.id), AuditViews.OBSERVATION_COLUMNS);
    }

    /** Every asset's current verdict, by site and asset; one page (there is one row per configured asset). */
    @Transactional
    public Page<AuditViews.AssetView> assets() {
        List<io.freshguard.audit.domain.AssetState> rows = em.createQuery(
                "from AssetState s order by s.key.site, s.key.asset", io.freshguard.audit.domain.AssetState.class).getResultList();
        return new Page<>(rows.stream().map(s -> new AuditViews.AssetView(s.key.site(), s.key.asset(), s.state.name(), s.since,
                s.deployId, s.observedRelease, s.observedCommit, s.observedTime, s.expectedAfter, s.staleSince, s.diagnosis,
                s.edges, s.checkedAt)).toList(), null, AuditViews.ASSET_COLUMNS);
    }

    /** Every edge that served the asset in the last day (older rows are pruned), by edge name; one page. */
    @Transactional
    public Page<AuditViews.EdgeView> edges(String site, String asset) {
        List<io.freshguard.audit.domain.AssetEdge> rows = em.createQuery("from AssetEdge e where e.key.site = ?1"
                        + " and e.key.asset = ?2 order by e.key.edge", io.freshguard.audit.domain.AssetEdge.class)
                .setParameter(1, site).setParameter(2, asset).getResultList();
        return new Page<>(rows.stream().map(e -> new AuditViews.EdgeView(e.key.site(), e.key.asset(), e.key.edge(), e.replica,
                e.state.name(), e.deployId, e.observedRelease, e.observedCommit, e.observedTime, e.httpStatus, e.checkedAt,
                e.diagnosis)).toList(), null, AuditViews.EDGE_COLUMNS);
    }

    /** Sealed entries in chain order; {@code after} is the last seq seen. */
    @Transactional
    public Page<AuditViews.LogEntryView> log(Cursor after, int limit) {
        List<AuditEntry> rows = em.createQuery("from AuditEntry e where e.seq > ?1 order by e.seq", AuditEntry.class)
                .setParameter(1, after == null ? 0L : after.id())
                .setMaxResults(limit + 1)
                .getResultList();
        return page(rows, limit, e -> new AuditViews.LogEntryView(e.seq, e.at, e.kind, e.subject, e.deployId, parse(e.data),
                e.prevHash, e.hash), e -> new Cursor(null, e.seq), AuditViews.LOG_COLUMNS);
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

    private static <E, V extends io.freshguard.audit.rest.CsvRow> Page<V> page(List<E> rows, int limit, Function<E, V> view,
            Function<E, Cursor> cursor, List<String> columns) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursor.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next, columns);
    }

    /** A JPQL query with optional conditions, each with its parameter. */
    private static final class Filter {
        private final StringBuilder jpql;
        private final Map<String, Object> params = new LinkedHashMap<>();
        private boolean where;

        Filter(String from) {
            this.jpql = new StringBuilder(from);
        }

        void and(boolean applies, String condition, String name, Object value) {
            if (!applies) {
                return;
            }
            jpql.append(where ? " and " : " where ").append(condition);
            where = true;
            params.put(name, value);
        }

        <T> List<T> query(EntityManager em, String orderBy, Class<T> type, int max) {
            TypedQuery<T> query = em.createQuery(jpql + orderBy, type);
            params.forEach(query::setParameter);
            return new ArrayList<>(query.setMaxResults(max).getResultList());
        }
    }

    /** Where a deploy's chain stands for the wait gate; for a blocked or failed chain, CloudFront's last word. */
    public record ChainState(ChainStatus status, String reason) {
    }

    @Transactional
    public Optional<ChainState> chainState(long deployId) {
        DeployRecord deploy = em.find(DeployRecord.class, deployId);
        if (deploy == null) {
            return Optional.empty();
        }
        if (deploy.status == ChainStatus.IGNORED) {
            return Optional.of(new ChainState(ChainStatus.IGNORED, "ignored: " + deploy.ignoredReason));
        }
        DeployRecord chain = deploy.coalescedInto != null ? em.find(DeployRecord.class, deploy.coalescedInto) : deploy;
        String reason = null;
        if (chain.status == ChainStatus.BLOCKED || chain.status == ChainStatus.FAILED) {
            List<InvalidationBatch> batches = em.createQuery("from InvalidationBatch b where b.deployId = ?1",
                    InvalidationBatch.class).setParameter(1, chain.id).getResultList();
            reason = batches.stream().filter(b -> b.lastErrorCode != null)
                    .max(Comparator.comparing((InvalidationBatch b) -> b.id))
                    .map(b -> (chain.status == ChainStatus.BLOCKED ? "CloudFront refuses: " : "gave up: ") + b.lastErrorCode
                            + (b.lastErrorMessage == null ? "" : " " + b.lastErrorMessage)
                            + (b.status == BatchStatus.BLOCKED ? "; retried every blocked-retry-interval" : ""))
                    .orElse(chain.status.name());
        }
        return Optional.of(new ChainState(chain.status, reason));
    }
}
