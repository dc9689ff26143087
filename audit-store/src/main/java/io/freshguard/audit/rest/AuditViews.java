package io.freshguard.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The audit API's answer types: records built from the store, never entities. Times are UTC ISO-8601. Registered
 * for reflection because some only appear as the element type of a generic {@link Page}.
 */
@RegisterForReflection(targets = {AuditViews.DeploySummary.class, AuditViews.BatchView.class, AuditViews.EventView.class,
        AuditViews.FreshView.class, AuditViews.IncidentView.class, AuditViews.Timeline.class, AuditViews.ObservationView.class, AuditViews.EdgeView.class, AuditViews.AssetView.class,
        AuditViews.LogEntryView.class, Page.class})
public final class AuditViews {

    private AuditViews() {
    }

    public static final List<String> DEPLOY_COLUMNS = List.of("id", "site", "source", "release", "commit", "actor",
            "deployedAt", "receivedAt", "status", "coalescedInto", "requestedAt", "invalidatedAt", "freshAt",
            "receivedToRequestedMs", "receivedToInvalidatedMs", "receivedToFreshMs", "reason");

    public record DeploySummary(long id, String site, String source, String release, String commit, String actor,
            Instant deployedAt, Instant receivedAt, String status, Long coalescedInto, Instant requestedAt,
            Instant invalidatedAt, Instant freshAt, Long receivedToRequestedMs, Long receivedToInvalidatedMs,
            Long receivedToFreshMs, String reason) implements CsvRow {

        @Override
        public List<Object> csvValues() {
            return Arrays.asList(id, site, source, release, commit, actor, deployedAt, receivedAt, status, coalescedInto,
                    requestedAt, invalidatedAt, freshAt, receivedToRequestedMs, receivedToInvalidatedMs, receivedToFreshMs, reason);
        }
    }

    public record BatchView(long id, String distributionId, String callerReference, List<String> paths, String status,
            int attempts, String cloudfrontId, String lastErrorCode, String lastErrorMessage, Instant createdAt,
            Instant requestedAt, Instant completedAt) {
    }

    public record EventView(Long seq, Instant at, String kind, String subject, JsonNode data) {
    }

    public record FreshView(String asset, Instant firstFreshAt) {
    }

    public static final List<String> INCIDENT_COLUMNS = List.of("id", "site", "asset", "deployId", "state", "startedAt",
            "endedAt", "durationMs", "cause", "originOld", "endedByHeal");

    /** A stale window; {@code endedByHeal} is the heal batch whose completion ended it, if one did. */
    public record IncidentView(long id, String site, String asset, Long deployId, String state, Instant startedAt,
            Instant endedAt, long durationMs, String cause, Boolean originOld, Long endedByHeal) implements CsvRow {

        @Override
        public List<Object> csvValues() {
            return Arrays.asList(id, site, asset, deployId, state, startedAt, endedAt, durationMs, cause, originOld, endedByHeal);
        }
    }

    public record Timeline(DeploySummary deploy, List<Long> coalesced, List<BatchView> batches, List<EventView> events,
            List<FreshView> freshAssets, List<IncidentView> staleWindows) {
    }

    public static final List<String> OBSERVATION_COLUMNS = List.of("id", "site", "asset", "deployId", "state",
            "observedRelease", "observedCommit", "observedTime", "httpStatus", "firstSeen", "lastSeen", "observations",
            "latencyMs", "age", "xCache", "etag", "diagnosis");

    public record ObservationView(long id, String site, String asset, Long deployId, String state, String observedRelease,
            String observedCommit, Instant observedTime, Integer httpStatus, Instant firstSeen, Instant lastSeen,
            int observations, Integer latencyMs, String age, String xCache, String etag, String diagnosis) implements CsvRow {

        @Override
        public List<Object> csvValues() {
            return Arrays.asList(id, site, asset, deployId, state, observedRelease, observedCommit, observedTime, httpStatus,
                    firstSeen, lastSeen, observations, latencyMs, age, xCache, etag, diagnosis);
        }
    }

    public static final List<String> ASSET_COLUMNS = List.of("site", "asset", "state", "since", "deployId",
            "observedRelease", "observedCommit", "observedTime", "expectedAfter", "staleSince", "diagnosis", "edges", "checkedAt");

    /** One asset's current verdict, as every replica's health check reports it. */
    public record AssetView(String site, String asset, String state, Instant since, Long deployId, String observedRelease,
            String observedCommit, Instant observedTime, Instant expectedAfter, Instant staleSince, String diagnosis,
            String edges, Instant checkedAt) implements CsvRow {

        @Override
        public List<Object> csvValues() {
            return Arrays.asList(site, asset, state, since, deployId, observedRelease, observedCommit, observedTime,
                    expectedAfter, staleSince, diagnosis, edges, checkedAt);
        }
    }

    public static final List<String> EDGE_COLUMNS = List.of("site", "asset", "edge", "replica", "state", "deployId",
            "observedRelease", "observedCommit", "observedTime", "httpStatus", "checkedAt", "diagnosis");

    /** What one CDN edge last served for an asset, and the replica that saw it. */
    public record EdgeView(String site, String asset, String edge, String replica, String state, Long deployId,
            String observedRelease, String observedCommit, Instant observedTime, Integer httpStatus, Instant checkedAt,
            String diagnosis) implements CsvRow {

        @Override
        public List<Object> csvValues() {
            return Arrays.asList(site, asset, edge, replica, state, deployId, observedRelease, observedCommit, observedTime,
                    httpStatus, checkedAt, diagnosis);
        }
    }

    public static final List<String> LOG_COLUMNS = List.of("seq", "at", "kind", "subject", "deployId", "data", "prevHash", "hash");

    public record LogEntryView(long seq, Instant at, String kind, String subject, Long deployId, JsonNode data,
            String prevHash, String hash) implements CsvRow {

        @Override
        public List<Object> csvValues() {
            return Arrays.asList(seq, at, kind, subject, deployId, data, prevHash, hash);
        }
    }
}
