package io.freshguard.invalidation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.PurgeBy;
import io.freshguard.invalidation.config.FastlyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The purge port on Fastly's API: a URL purge per path on the target's host ({@code POST /purge/<host><path>}) or one
 * surrogate-key purge of up to 256 keys ({@code POST /service/<id>/purge}), soft when the target asks; the canary reads
 * the token itself ({@code GET /tokens/self}), which says when it expires. A purge is done when answered, and purging
 * again is harmless, so a retry needs no reference.
 */
@ApplicationScoped
public class FastlyGateway implements PurgeGateway {

    /** Surrogate keys Fastly takes in one purge request. */
    static final int MAX_KEYS_PER_REQUEST = 256;

    private final VendorHttp http;
    private final FastlyConfig config;

    public FastlyGateway(VendorHttp http, FastlyConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public CdnVendor vendor() {
        return CdnVendor.FASTLY;
    }

    @Override
    public List<List<String>> split(PurgeTarget target, List<String> items) {
        return PurgeGateway.chunks(items.stream().distinct().sorted().toList(),
                target.purgeBy() == PurgeBy.SURROGATE_KEY ? MAX_KEYS_PER_REQUEST : Integer.MAX_VALUE);
    }

    @Override
    public PurgeAnswer purge(PurgeTarget target, String reference, List<String> items) {
        try {
            if (target.purgeBy() == PurgeBy.SURROGATE_KEY) {
                VendorHttp.Reply reply = http.send(request(target, "/service/" + target.id() + "/purge")
                        .header("Surrogate-Key", String.join(" ", items))
                        .POST(HttpRequest.BodyPublishers.noBody()));
                if (reply.status() != 200) {
                    return failure(reply, "NoSuchService");
                }
                Iterator<JsonNode> ids = reply.body().elements();
                return new PurgeAnswer.Accepted(ids.hasNext() ? ids.next().asText() : null, "Completed", true);
            }
            String first = null;
            for (String path : items) {
                VendorHttp.Reply reply = http.send(request(target, "/purge/" + target.host().orElseThrow() + path)
                        .POST(HttpRequest.BodyPublishers.noBody()));
                if (reply.status() != 200) {
                    return failure(reply, "NotFound");
                }
                first = first != null ? first : reply.body().path("id").asText(null);
            }
            return new PurgeAnswer.Accepted(first, "Completed", true);
        } catch (IOException | InterruptedException e) {
            return VendorHttp.unanswered(e);
        }
    }

    @Override
    public AccessCheck checkAccess(PurgeTarget target) {
        try {
            VendorHttp.Reply reply = http.send(request(target, "/tokens/self").GET());
            if (reply.status() != 200) {
                return new AccessCheck(failure(reply, "NotFound"), Optional.empty());
            }
            return new AccessCheck(new PurgeAnswer.Accepted(null, "ok", false), VendorHttp.instant(reply.body().path("expires_at")));
        } catch (IOException | InterruptedException e) {
            return new AccessCheck(VendorHttp.unanswered(e), Optional.empty());
        }
    }

    private HttpRequest.Builder request(PurgeTarget target, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.endpoint().toString().replaceAll("/+$", "") + path))
                .header("Fastly-Key", config.token().orElse(""));
        if (target.softPurge()) {
            request.header("Fastly-Soft-Purge", "1");
        }
        return request;
    }

    /** Fastly's errors: {@code {"msg": …, "detail": …}} with 401/403 for the token, 429 for its rate, 404 for the id. */
    private static PurgeAnswer failure(VendorHttp.Reply reply, String notFoundCode) {
        int status = reply.status();
        String message = PurgeAnswer.shorten((reply.body().path("msg").asText("") + " " + reply.body().path("detail").asText("")).trim());
        if (status == 401 || status == 403) {
            return new PurgeAnswer.Refused(status == 401 ? "Unauthorized" : "Forbidden", message);
        }
        if (status == 404) {
            return new PurgeAnswer.Refused(notFoundCode, message);
        }
        if (status == 429 || status >= 500) {
            return new PurgeAnswer.Wait(status == 429 ? "RateLimited" : "HTTP" + status, message);
        }
        return new PurgeAnswer.Rejected("HTTP" + status, message);
    }

}
