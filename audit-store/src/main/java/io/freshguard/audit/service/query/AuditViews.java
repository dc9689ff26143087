package io.freshguard.audit.service.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The audit API's answer types: records built from the store, never entities. Times are UTC ISO-8601. Registered
 * for reflection because some only appear as the element type of a generic {@link Page}, and because a listing's CSV
 * layout is its record's components (one definition per view).
 */
@RegisterForReflection(targets = {AuditViews.DeploySummary.class, AuditViews.BatchView.class, AuditViews.EventView.class,
        AuditViews.FreshView.class, AuditViews.IncidentView.class, AuditViews.Timeline.class, AuditViews.ObservationView.class, AuditViews.EdgeView.class, AuditViews.AssetView.class,
        AuditViews.LogEntryView.class, Page.class})
public final class AuditViews {

    private AuditViews() {
    }


    public record DeploySummary(long id, String site, String source, String release, String commit, String actor,
            Instant deployedAt, Instant receivedAt, String status, Long coalescedInto, Instant requestedAt,
            Instant invalidatedAt, Instant freshAt, Long receivedToRequestedMs, Long receivedToInvalidatedMs,
            Long receivedToFreshMs, String reason) implements CsvRow {
    }

    /**
     * One purge batch. {@code distributionId} and {@code cloudfrontId} repeat {@code target}'s id and {@code purgeId} for
     * a CloudFront target (null for others), as readers written before other CDNs expect.
     */
    public record BatchView(long id, String target, String vendor, String distributionId, String callerReference,
            List<String> paths, String status, int attempts, String purgeId, String cloudfrontId, String lastErrorCode,
            String lastErrorMessage, Instant createdAt, Instant requestedAt, Instant completedAt) {
    }

    public record EventView(Long seq, Instant at, String kind, String subject, JsonNode data) {
    }

    public record FreshView(String asset, Instant firstFreshAt) {
    }


    /** A stale window; {@code endedByHeal} is the heal batch whose completion ended it, if one did. */
    public record IncidentView(long id, String site, String asset, Long deployId, String state, Instant startedAt,
            Instant endedAt, long durationMs, String cause, Boolean originOld, Long endedByHeal) implements CsvRow {
    }

    public record Timeline(DeploySummary deploy, List<Long> coalesced, List<BatchView> batches, List<EventView> events,
            List<FreshView> freshAssets, List<IncidentView> staleWindows) {
    }


    public record ObservationView(long id, String site, String asset, Long deployId, String state, String observedRelease,
            String observedCommit, Instant observedTime, Integer httpStatus, Instant firstSeen, Instant lastSeen,
            int observations, Integer latencyMs, String age, String xCache, String etag, String diagnosis) implements CsvRow {
    }


    /** One asset's current verdict, as every replica's health check reports it. */
    public record AssetView(String site, String asset, String state, Instant since, Long deployId, String observedRelease,
            String observedCommit, Instant observedTime, Instant expectedAfter, Instant staleSince, String diagnosis,
            String edges, Instant checkedAt) implements CsvRow {
    }


    /** What one CDN edge last served for an asset, and the replica that saw it. */
    public record EdgeView(String site, String asset, String edge, String replica, String state, Long deployId,
            String observedRelease, String observedCommit, Instant observedTime, Integer httpStatus, Instant checkedAt,
            String diagnosis) implements CsvRow {
    }


    public record LogEntryView(long seq, Instant at, String kind, String subject, Long deployId, JsonNode data,
            String prevHash, String hash) implements CsvRow {
    }
}
