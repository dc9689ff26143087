package io.freshguard.audit.rest;

import io.freshguard.audit.rest.AuditViews.LogEntryView;
import io.freshguard.audit.service.AuditQueries;
import io.freshguard.audit.service.AuditVerifier;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/audit/log")
@Tag(name = "audit")
@SecurityRequirement(name = "auditToken")
public class AuditLogResource {

    private final AuditQueries queries;
    private final AuditVerifier verifier;

    public AuditLogResource(AuditQueries queries, AuditVerifier verifier) {
        this.queries = queries;
        this.verifier = verifier;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "The raw append-only log in chain order (sealed entries; sealing lags writes by about a second)")
    public Page<LogEntryView> log(@RestQuery String after, @Parameter(example = "500") @RestQuery Integer limit) {
        return queries.log(AuditQuery.cursor(after), AuditQuery.limit(limit));
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Walks the hash chain: {ok, entries, firstBroken}")
    public AuditVerifier.Verification verify() {
        return verifier.verify();
    }
}
