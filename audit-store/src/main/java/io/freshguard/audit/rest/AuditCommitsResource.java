package io.freshguard.audit.rest;

import io.freshguard.audit.config.SiteDirectory;
import io.freshguard.audit.config.WaitConfig;
import io.freshguard.audit.service.chain.CommitGate;
import io.freshguard.audit.service.chain.GateAnswer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The gate by what a pipeline knows: a commit (or a release) of a site. {@code …/wait} holds a request at most
 * {@code freshguard.wait.hold} (inside every front end's idle limit) and holds no thread meanwhile; a still-waiting
 * answer is {@code 202} with {@code Retry-After}, so a client loops until its own timeout.
 */
@Path("/audit/sites/{site}")
@Tag(name = "audit", description = "What happened to each deploy, for the post-incident review")
@SecurityRequirement(name = "auditToken")
public class AuditCommitsResource {

    /** Seconds a client waits before asking again after a 202. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final CommitGate gate;
    private final SiteDirectory sites;
    private final WaitConfig config;
    private final Clock clock;

    public AuditCommitsResource(CommitGate gate, SiteDirectory sites, WaitConfig config, Clock clock) {
        this.gate = gate;
        this.sites = sites;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("/commits/{sha}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the site's deploy of a commit stands, at once: 200 FRESH, 409 with the reason, 202 still"
            + " waiting (no deploy of it yet, or its chain has not settled); for Argo Rollouts' web metric or a Flagger hook")
    public Response commit(@Parameter(example = "acme") @RestPath String site,
            @Parameter(description = "commit SHA, 7 to 64 characters", example = "4f9c2a1") @RestPath String sha) {
        CommitGate.Wanted wanted = new CommitGate.Wanted(site(site), commit(sha), null);
        return respond(wanted, gate.now(wanted), 0);
    }

    @GET
    @Path("/commits/{sha}/wait")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The gate a pipeline waits on: first for a deploy of the commit to be stored, then for it to turn"
            + " FRESH. 200 FRESH; 409 with the reason; 202 with Retry-After and the current state after at most"
            + " freshguard.wait.hold (ask again)")
    public CompletionStage<Response> awaitCommit(@Parameter(example = "acme") @RestPath String site,
            @Parameter(example = "4f9c2a1") @RestPath String sha,
            @Parameter(description = "ISO-8601 duration, at most freshguard.wait.hold", example = "PT20S") @RestQuery String hold) {
        return held(new CommitGate.Wanted(site(site), commit(sha), null), hold);
    }

    @GET
    @Path("/releases/{release}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the site's deploy of a release stands, at once (as for a commit)")
    public Response release(@Parameter(example = "acme") @RestPath String site,
            @Parameter(example = "v42") @RestPath String release) {
        CommitGate.Wanted wanted = new CommitGate.Wanted(site(site), null, AuditQuery.name("release", release));
        return respond(wanted, gate.now(wanted), 0);
    }

    @GET
    @Path("/releases/{release}/wait")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The gate by release (as for a commit)")
    public CompletionStage<Response> awaitRelease(@Parameter(example = "acme") @RestPath String site,
            @Parameter(example = "v42") @RestPath String release, @RestQuery String hold) {
        return held(new CommitGate.Wanted(site(site), null, AuditQuery.name("release", release)), hold);
    }

    private CompletionStage<Response> held(CommitGate.Wanted wanted, String hold) {
        Duration limit = AuditQuery.duration("hold", hold, config.hold(), config.hold());
        Instant started = clock.instant();
        return gate.await(wanted, limit).thenApply(answer -> respond(wanted, answer,
                Duration.between(started, clock.instant()).toMillis()));
    }

    private static Response respond(CommitGate.Wanted wanted, CommitGate.Answer answer, long waitedMs) {
        Response.ResponseBuilder response = switch (answer.answer()) {
            case FRESH -> Response.ok();
            case REFUSED -> Response.status(Response.Status.CONFLICT);
            case WAITING -> Response.status(Response.Status.ACCEPTED).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        };
        return response.type(MediaType.APPLICATION_JSON_TYPE).entity(new CommitAnswer(wanted.site(), wanted.commit(),
                wanted.release(), answer.deploy(), answer.status() == null ? null : answer.status().name(),
                answer.answer() == GateAnswer.WAITING ? "WAITING" : answer.answer().name(), answer.reason(), waitedMs)).build();
    }

    private String site(String site) {
        if (AuditQuery.name("site", site) == null || sites.site(site).isEmpty()) {
            throw new NotFoundException("no site " + site + " is configured");
        }
        return site;
    }

    private static String commit(String sha) {
        if (sha == null || sha.length() < 4 || sha.length() > 100 || sha.chars().anyMatch(c -> Character.isISOControl(c)
                || Character.isWhitespace(c))) {
            throw new InvalidQueryException("commit must be 4 to 100 characters without spaces or control characters");
        }
        return sha;
    }

    /** The commit gate's answer: {@code answer} is FRESH, REFUSED or WAITING; {@code status} the chain's. */
    @RegisterForReflection
    public record CommitAnswer(String site, String commit, String release, Long deploy, String status, String answer,
            String reason, long waitedMs) {
    }
}
