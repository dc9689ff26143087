package io.freshguard.audit.rest;

import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.query.AuditViews;
import io.freshguard.audit.service.query.AuditViews.EdgeView;
import io.freshguard.audit.service.query.AuditViews.ObservationView;
import io.freshguard.audit.service.query.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/audit/assets")
@Tag(name = "audit")
@SecurityRequirement(name = "auditToken")
public class AuditAssetsResource {

    private final AuditQueries queries;

    public AuditAssetsResource(AuditQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Every asset's current verdict: state, observed build, diagnosis and each recent edge")
    public Page<AuditViews.AssetView> assets() {
        return queries.assets();
    }

    @GET
    @Path("/{site}/{asset}/observations")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "What the probe saw for one asset, as runs of identical verdicts, newest first")
    public Page<ObservationView> observations(@Parameter(example = "acme") @RestPath String site,
            @Parameter(example = "embed") @RestPath String asset,
            @Parameter(example = "2026-11-01T00:00:00Z") @RestQuery String since,
            @Parameter(example = "2026-12-01T00:00:00Z") @RestQuery String until,
            @Parameter(example = "100") @RestQuery Integer limit,
            @RestQuery String after) {
        return queries.observations(AuditQuery.name("site", site), AuditQuery.name("asset", asset),
                AuditQuery.time("since", since), AuditQuery.time("until", until),
                AuditQuery.cursor(after), AuditQuery.limit(limit));
    }

    @GET
    @Path("/{site}/{asset}/edges")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "What each CDN edge last served for one asset, and which replica saw it")
    public Page<EdgeView> edges(@Parameter(example = "acme") @RestPath String site,
            @Parameter(example = "embed") @RestPath String asset) {
        return queries.edges(AuditQuery.name("site", site), AuditQuery.name("asset", asset));
    }
}
