package io.freshguard.audit.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class AuditExceptionMappers {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, "invalid_parameter", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ApiError.response(Response.Status.NOT_FOUND, "not_found", e.getMessage());
    }
}
