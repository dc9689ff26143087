package io.freshguard.audit.rest;

import io.freshguard.audit.rest.AuditViews.DeploySummary;
import io.freshguard.audit.rest.AuditViews.Timeline;
import io.freshguard.audit.service.AuditQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/audit/deploys")
@Tag(name = "audit", description = "What happened to each deploy, for the post-incident review")
@SecurityRequirement(name = "auditToken")
public class AuditDeploysResource {

    private final AuditQueries queries;

    public AuditDeploysResource(AuditQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Deploys with their chain status and durations, newest first")
    public Page<DeploySummary> list(
            @Parameter(description = "site name", example = "acme") @RestQuery String site,
            @Parameter(description = "received at or after (UTC ISO-8601)", example = "2026-11-01T00:00:00Z") @RestQuery String since,
            @Parameter(description = "received before (UTC ISO-8601)", example = "2026-12-01T00:00:00Z") @RestQuery String until,
            @Parameter(description = "chain status", example = "BLOCKED") @RestQuery String status,
            @Parameter(description = "page size, 1 to 1000", example = "100") @RestQuery Integer limit,
            @Parameter(description = "the next cursor of the previous page") @RestQuery String after) {
        return queries.deploys(AuditQuery.name("site", site), AuditQuery.time("since", since), AuditQuery.time("until", until),
                AuditQuery.status(status), AuditQuery.cursor(after), AuditQuery.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One chain's whole timeline: received, coalesced, every CloudFront attempt, completion, freshness, stale windows")
    public Timeline timeline(@Parameter(example = "42") @RestPath long id) {
        return queries.timeline(id).orElseThrow(() -> new NotFoundException("no deploy " + id));
    }
}
