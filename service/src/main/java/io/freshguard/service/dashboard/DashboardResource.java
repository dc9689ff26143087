package io.freshguard.service.dashboard;

import io.freshguard.audit.rest.AuditQuery;
import io.freshguard.audit.service.log.AuditVerifier;
import io.freshguard.audit.service.query.AuditQueries;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The dashboard: server-rendered pages behind a sign-in with the audit token. Reads only; the forms it has sign
 * in, sign out and ask for a verification, each checked against the session's CSRF value.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    private final DashboardSessions sessions;
    private final SignInLimiter limiter;
    private final DashboardPages pages;
    private final AuditQueries queries;
    private final AuditVerifier verifier;
    private final Template layout;
    private final Template cards;

    public DashboardResource(DashboardSessions sessions, SignInLimiter limiter, DashboardPages pages, AuditQueries queries, AuditVerifier verifier,
            @Location("dashboard/layout.html") Template layout, @Location("dashboard/cards.html") Template cards) {
        this.sessions = sessions;
        this.limiter = limiter;
        this.pages = pages;
        this.queries = queries;
        this.verifier = verifier;
        this.layout = layout;
        this.cards = cards;
    }

    @GET
    public Response overview(@RestCookie(DashboardSessions.COOKIE) String cookie) {
        return signedIn(cookie, session -> page("overview", "Overview", session).data("overview", pages.overview()));
    }

    /** The overview's cards alone, for the page's script to swap in without a reload. */
    @GET
    @Path("dashboard/cards")
    public Response cards(@RestCookie(DashboardSessions.COOKIE) String cookie) {
        Optional<DashboardSessions.Session> session = sessions.verify(cookie);
        if (session.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        return html(Response.ok(cards.data("overview", pages.overview()).render()));
    }

    @GET
    @Path("deploys")
    public Response deploys(@RestCookie(DashboardSessions.COOKIE) String cookie, @RestQuery String site,
            @RestQuery String status, @RestQuery String after) {
        return signedIn(cookie, session -> page("deploys", "Deploys", session).data("list", pages.deploys(
                site == null || site.isBlank() ? null : AuditQuery.name("site", site),
                status == null || status.isBlank() ? null : AuditQuery.status(status),
                AuditQuery.cursor(after == null || after.isBlank() ? null : after), 50)));
    }

    @GET
    @Path("deploys/{id}")
    public Response timeline(@RestCookie(DashboardSessions.COOKIE) String cookie, @RestPath long id) {
        Optional<DashboardSessions.Session> session = sessions.verify(cookie);
        if (session.isEmpty()) {
            return toSignIn();
        }
        return queries.timeline(id)
                .map(t -> html(Response.ok(page("timeline", "Deploy " + id, session.get()).data("timeline", t)
                        .data("chain", DashboardPages.chain(t.deploy())).render())))
                .orElseGet(() -> html(Response.status(Response.Status.NOT_FOUND)
                        .entity(page("missing", "Not found", session.get()).render())));
    }

    @GET
    @Path("incidents")
    public Response incidents(@RestCookie(DashboardSessions.COOKIE) String cookie, @RestQuery String after) {
        return signedIn(cookie, session -> page("incidents", "Incidents", session)
                .data("incidents", queries.incidents(null, null, null, AuditQuery.cursor(after == null || after.isBlank() ? null : after), 100)));
    }

    @GET
    @Path("audit-log")
    public Response auditLog(@RestCookie(DashboardSessions.COOKIE) String cookie) {
        return signedIn(cookie, session -> page("audit-log", "Audit log", session)
                .data("log", new DashboardViews.AuditLogPage(verifier.head(), null)));
    }

    @POST
    @Path("audit-log/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@RestCookie(DashboardSessions.COOKIE) String cookie, @RestForm String csrf) {
        Optional<DashboardSessions.Session> session = sessions.verify(cookie);
        if (session.isEmpty()) {
            return toSignIn();
        }
        if (!sessions.csrfMatches(session.get(), csrf)) {
            return forbidden();
        }
        return html(Response.ok(page("audit-log", "Audit log", session.get())
                .data("log", new DashboardViews.AuditLogPage(verifier.head(), verifier.verify())).render()));
    }

    @GET
    @Path("sign-in")
    public Response signInForm() {
        return html(Response.ok(signInPage(null)));
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String token, @Context HttpServerRequest request) {
        if (!sameOrigin(request)) {
            return forbidden();
        }
        String address = request.remoteAddress() == null ? "-" : request.remoteAddress().hostAddress();
        // checked before the token is compared: a limited address learns nothing from its next guess
        Optional<Duration> wait = limiter.retryAfter(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            return html(Response.status(Response.Status.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds)
                    .entity(signInPage("Too many wrong tokens: try again in " + (seconds + 59) / 60 + " min.")));
        }
        if (!sessions.tokenMatches(token)) {
            limiter.failed(address);
            return html(Response.status(Response.Status.UNAUTHORIZED).entity(signInPage(
                    sessions.signInPossible() ? "That is not the audit token." : "No audit token is configured (freshguard.audit.token).")));
        }
        return html(Response.seeOther(URI.create("/")).cookie(cookie(sessions.issue(), request, (int) sessions.lifetime().toSeconds())));
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestCookie(DashboardSessions.COOKIE) String cookie, @RestForm String csrf,
            @Context HttpServerRequest request) {
        Optional<DashboardSessions.Session> session = sessions.verify(cookie);
        if (session.isPresent() && !sessions.csrfMatches(session.get(), csrf)) {
            return forbidden();
        }
        session.ifPresent(sessions::end);
        return html(Response.seeOther(URI.create("/sign-in")).cookie(cookie("", request, 0)));
    }

    private Response signedIn(String cookie, Function<DashboardSessions.Session, TemplateInstance> page) {
        Optional<DashboardSessions.Session> session = sessions.verify(cookie);
        return session.isEmpty() ? toSignIn() : html(Response.ok(page.apply(session.get()).render()));
    }

    private TemplateInstance page(String name, String title, DashboardSessions.Session session) {
        return layout.data("page", name).data("title", title).data("csrf", session.csrf()).data("signedIn", true);
    }

    private String signInPage(String error) {
        return layout.data("page", "sign-in").data("title", "Sign in").data("csrf", "").data("signedIn", false)
                .data("error", error).render();
    }

    private static Response toSignIn() {
        return html(Response.seeOther(URI.create("/sign-in")));
    }

    private static Response forbidden() {
        return html(Response.status(Response.Status.FORBIDDEN).entity("<!doctype html><title>Forbidden</title>"
                + "<p>This form came from another page or an old session. <a href=\"/\">Back to the dashboard</a></p>"));
    }

    /** A sign-in posted from another site (login CSRF) is refused; browsers send Origin on every form POST. */
    private static boolean sameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        String host = request.getHeader("X-Forwarded-Host") != null ? request.getHeader("X-Forwarded-Host") : request.getHeader("Host");
        try {
            URI uri = URI.create(origin);
            return host != null && host.equalsIgnoreCase(uri.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static NewCookie cookie(String value, HttpServerRequest request, int maxAge) {
        boolean secure = "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto")) || request.isSSL();
        return new NewCookie.Builder(DashboardSessions.COOKIE).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** Pages are private and change: never cached; scripts and styles only from here. */
    private static Response html(Response.ResponseBuilder response) {
        return response.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                        + "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .build();
    }
}
