package io.freshguard.webhook.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.freshguard.audit.service.chain.IntakeResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code {"deploy": id, "site": s, "status": accepted|duplicate|ignored, "reason": …}}; when one delivery carried
 * several deploys (a Papertrail alert over several apps), the first is at the top and all are under {@code deploys}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record WebhookAnswer(long deploy, String site, String status, String reason, List<WebhookAnswer> deploys) {

    static WebhookAnswer of(IntakeResult result) {
        return new WebhookAnswer(result.deployId(), result.site(), result.outcome().id(), result.reason(), null);
    }

    /** 202 when anything new was recorded, 200 when the delivery only repeated what was already stored. */
    static Response respond(List<IntakeResult> results) {
        WebhookAnswer first = of(results.get(0));
        if (results.size() > 1) {
            first = new WebhookAnswer(first.deploy, first.site, first.status, first.reason,
                    results.stream().map(WebhookAnswer::of).toList());
        }
        boolean allDuplicates = results.stream().allMatch(r -> r.outcome() == IntakeResult.Outcome.DUPLICATE);
        return Response.status(allDuplicates ? Response.Status.OK : Response.Status.ACCEPTED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(first)
                .build();
    }
}
