package io.freshguard.webhook.rest;

import io.freshguard.audit.rest.ApiError;
import io.freshguard.audit.service.chain.FieldOutOfBoundsException;
import io.freshguard.webhook.service.MalformedWebhookException;
import io.freshguard.webhook.service.PayloadTooLargeException;
import io.freshguard.webhook.service.UnauthenticatedWebhookException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad webhook input becomes a 4xx in the one error shape; nothing here is ever a 5xx. */
public class WebhookExceptionMappers {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthenticatedWebhookException e) {
        return ApiError.response(Response.Status.UNAUTHORIZED, "unauthorized", e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformed(MalformedWebhookException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, "malformed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response outOfBounds(FieldOutOfBoundsException e) {
        return ApiError.response(Response.Status.BAD_REQUEST, "malformed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e) {
        return ApiError.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e) {
        return ApiError.response(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "this endpoint accepts application/json (Papertrail: application/x-www-form-urlencoded)");
    }
}
