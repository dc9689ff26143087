package io.freshguard.audit.rest;

import io.freshguard.audit.service.chain.ChainWait;
import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.query.AuditViews.DeploySummary;
import io.freshguard.audit.service.query.AuditViews.Timeline;
import io.freshguard.audit.service.query.Page;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
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
    private final ChainWait wait;

    public AuditDeploysResource(AuditQueries queries, ChainWait wait) {
        this.queries = queries;
        this.wait = wait;
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

    /** Longest a pipeline may wait in one request. */
    static final Duration MAX_WAIT = Duration.ofHours(1);

    @GET
    @Path("/{id}/wait")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The gate a pipeline waits on: 200 once customers get the deploy's build (FRESH), 409 when its"
            + " chain FAILED, ran out of heals, was SUPERSEDED or IGNORED, has been BLOCKED for freshguard.wait.blocked-after"
            + " or is STALE past the site's grace (with the reason), 408 when the timeout (default PT15M) passes")
    public Response await(@Parameter(example = "42") @RestPath long id,
            @Parameter(description = "ISO-8601 duration, at most PT1H", example = "PT15M") @RestQuery String timeout)
            throws InterruptedException {
        Duration limit = AuditQuery.duration("timeout", timeout, Duration.ofMinutes(15), MAX_WAIT);
        ChainWait.Result result = wait.await(id, limit).orElseThrow(() -> new NotFoundException("no deploy " + id));
        Response.Status status = switch (result.outcome()) {
            case FRESH -> Response.Status.OK;
            case REFUSED -> Response.Status.CONFLICT;
            case TIMED_OUT -> Response.Status.REQUEST_TIMEOUT;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new WaitAnswer(result.deployId(), result.status() == null ? null : result.status().name(), result.reason(),
                        result.waitedMs())).build();
    }

    /** The wait gate's answer. */
    @RegisterForReflection
    public record WaitAnswer(long deploy, String status, String reason, long waitedMs) {
    }
}
