package io.freshguard.audit.rest;

import io.freshguard.audit.config.AuditConfig;
import io.freshguard.audit.config.CredentialList;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /audit} request needs a bearer credential: an audit token reads everything; a CI token reads only the
 * gates a pipeline waits on (403 elsewhere), so a pipeline's secret never opens the audit log.
 */
public class AuditTokenFilter {

    /** What a CI token may read: the commit and release gates and a deploy id's wait. */
    static final Pattern CI_PATHS = Pattern.compile("/audit/(sites/[^/]+/(commits|releases)/[^/]+(/wait)?|deploys/[0-9]+/wait)");

    private final AuditConfig config;

    public AuditTokenFilter(AuditConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Optional<Response> requireToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/audit") && !path.startsWith("/audit/")) {
            return Optional.empty();
        }
        if (!config.apiEnabled()) {
            return Optional.of(ApiError.response(Response.Status.NOT_FOUND, "not_found", "the audit API is disabled"));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized());
        }
        String given = header.substring("Bearer ".length());
        if (CredentialList.matches(config.token(), given)) {
            return Optional.empty();
        }
        if (CredentialList.matches(config.ciToken(), given)) {
            return CI_PATHS.matcher(path).matches() ? Optional.empty() : Optional.of(ApiError.response(
                    Response.Status.FORBIDDEN, "forbidden", "a CI token reads only the gates (…/commits/{sha}, "
                            + "…/releases/{release}, /audit/deploys/{id}/wait); the audit log needs an audit token"));
        }
        return Optional.of(unauthorized());
    }

    private static Response unauthorized() {
        return Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED, "unauthorized",
                "the audit API needs Authorization: Bearer <freshguard.audit.token or freshguard.audit.ci-token>"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"freshguard-audit\"")
                .build();
    }
}
