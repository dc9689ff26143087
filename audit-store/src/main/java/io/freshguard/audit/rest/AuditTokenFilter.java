package io.freshguard.audit.rest;

import io.freshguard.audit.config.AuditConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Every {@code /audit} request needs {@code Authorization: Bearer <freshguard.audit.token>}. */
public class AuditTokenFilter {

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
        if (config.token().isEmpty() || header == null || !header.startsWith("Bearer ")) {
            return Optional.of(unauthorized());
        }
        byte[] expected = config.token().get().getBytes(StandardCharsets.UTF_8);
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of(unauthorized());
    }

    private static Response unauthorized() {
        return Response.fromResponse(ApiError.response(Response.Status.UNAUTHORIZED, "unauthorized",
                "the audit API needs Authorization: Bearer <freshguard.audit.token>"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"freshguard-audit\"")
                .build();
    }
}
