package io.freshguard.audit.rest;

import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.query.AuditViews.IncidentView;
import io.freshguard.audit.service.query.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/audit/incidents")
@Tag(name = "audit")
@SecurityRequirement(name = "auditToken")
public class AuditIncidentsResource {

    private final AuditQueries queries;

    public AuditIncidentsResource(AuditQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Windows in which an asset was stale or unreachable, with the deploy and the diagnosed cause")
    public Page<IncidentView> list(
            @Parameter(example = "acme") @RestQuery String site,
            @Parameter(description = "overlapping this time or later", example = "2026-01-01T00:00:00Z") @RestQuery String since,
            @Parameter(description = "starting before", example = "2027-01-01T00:00:00Z") @RestQuery String until,
            @Parameter(example = "100") @RestQuery Integer limit,
            @RestQuery String after) {
        return queries.incidents(AuditQuery.name("site", site), AuditQuery.time("since", since), AuditQuery.time("until", until),
                AuditQuery.cursor(after), AuditQuery.limit(limit));
    }
}
