package io.freshguard.audit.rest;

import io.freshguard.audit.service.runtime.StoreUnavailableException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 503 with Retry-After, so a webhook sender retries later instead of dropping the deploy. */
public class StoreUnavailableMapper {

    @ServerExceptionMapper
    public Response map(StoreUnavailableException e) {
        Log.warnf("Store unavailable, answering 503: %s", rootMessage(e));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError("store_unavailable", "The deploy store is unavailable; nothing was recorded. Retry later."))
                .build();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
