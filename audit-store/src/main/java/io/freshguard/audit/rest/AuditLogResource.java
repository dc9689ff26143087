package io.freshguard.audit.rest;

import io.freshguard.audit.service.log.AuditVerifier;
import io.freshguard.audit.service.query.AuditQueries;
import io.freshguard.audit.service.query.AuditViews.LogEntryView;
import io.freshguard.audit.service.query.Page;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
    @Operation(summary = "Walks the hash chain: {ok, entries, firstBroken, keyedFrom, reason}; with since-head (a token"
            + " from /audit/log/head kept outside the database) also proves the log still holds that head and all before it")
    public AuditVerifier.Verification verify(@RestQuery("since-head") String sinceHead) {
        if (sinceHead == null) {
            return verifier.verify();
        }
        return verifier.verify(AuditVerifier.Head.parse(sinceHead).orElseThrow(() -> new InvalidQueryException(
                "since-head must be the token from /audit/log/head: <seq>:<64 hex hash>:<64 hex signature>")));
    }

    @GET
    @Path("/head")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The end of the chain, {seq, hash, signature, token}: keep it outside the database and pass the"
            + " token to /audit/log/verify?since-head= to detect a log that was cut and wound back")
    public HeadView head() {
        AuditVerifier.Head head = verifier.head();
        return new HeadView(head.seq(), head.hash(), head.signature(), head.token());
    }

    /** The chain head as served; {@code token} is the three fields in one string for {@code since-head}. */
    @RegisterForReflection
    public record HeadView(long seq, String hash, String signature, String token) {
    }
}
