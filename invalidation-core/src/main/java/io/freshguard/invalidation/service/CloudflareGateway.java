package io.freshguard.invalidation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.freshguard.audit.config.PurgeTarget;
import io.freshguard.audit.domain.CdnVendor;
import io.freshguard.audit.domain.PurgeBy;
import io.freshguard.invalidation.config.CloudflareConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The purge port on Cloudflare's API v4: {@code POST /zones/<zone>/purge_cache} with the site's paths as URLs on the
 * target's host ({@code files}), a trailing {@code *} as a prefix ({@code prefixes}), or the target's cache tags
 * ({@code tags}), one kind and at most {@code max-items-per-request} per request; the canary verifies the token
 * ({@code GET /user/tokens/verify}, or under the account for an account-owned token), which says when it expires. A purge is done when answered.
 */
@ApplicationScoped
public class CloudflareGateway implements PurgeGateway {

    /** Cloudflare's error codes that mean the token or the zone, not the request: a human must act. */
    private static final Set<Integer> REFUSALS = Set.of(9109, 10000, 10001, 6003, 6111, 7003, 1001);

    private final VendorHttp http;
    private final CloudflareConfig config;

    public CloudflareGateway(VendorHttp http, CloudflareConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public CdnVendor vendor() {
        return CdnVendor.CLOUDFLARE;
    }

    @Override
    public List<List<String>> split(PurgeTarget target, List<String> items) {
        int size = Math.max(1, config.maxItemsPerRequest());
        List<String> distinct = items.stream().distinct().sorted().toList();
        List<List<String>> parts = new ArrayList<>();
        // Cloudflare takes one kind per request: files apart from prefixes
        parts.addAll(PurgeGateway.chunks(distinct.stream().filter(i -> !isPrefix(target, i)).toList(), size));
        parts.addAll(PurgeGateway.chunks(distinct.stream().filter(i -> isPrefix(target, i)).toList(), size));
        return parts;
    }

    @Override
    public PurgeAnswer purge(PurgeTarget target, String reference, List<String> items) {
        Map<String, List<String>> body;
        if (target.purgeBy() == PurgeBy.TAG) {
            body = Map.of("tags", items);
        } else if (isPrefix(target, items.get(0))) {
            body = Map.of("prefixes", items.stream().map(p -> target.host().orElseThrow() + p.substring(0, p.length() - 1)).toList());
        } else {
            body = Map.of("files", items.stream().map(p -> "https://" + target.host().orElseThrow() + p).toList());
        }
        try {
            VendorHttp.Reply reply = http.send(request("/zones/" + target.id() + "/purge_cache")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(http.write(body))));
            if (reply.status() != 200 || !reply.body().path("success").asBoolean(false)) {
                return failure(reply);
            }
            return new PurgeAnswer.Accepted(reply.body().path("result").path("id").asText(null), "Completed", true);
        } catch (IOException | InterruptedException e) {
            return VendorHttp.unanswered(e);
        }
    }

    @Override
    public AccessCheck checkAccess(PurgeTarget target) {
        try {
            // a user token and an account-owned token are each verified where Cloudflare keeps them
            VendorHttp.Reply reply = http.send(request(config.accountId().map(a -> "/accounts/" + a).orElse("/user")
                    + "/tokens/verify").GET());
            if (reply.status() != 200 || !reply.body().path("success").asBoolean(false)) {
                return new AccessCheck(failure(reply), Optional.empty());
            }
            JsonNode result = reply.body().path("result");
            String status = result.path("status").asText("active");
            if (!"active".equals(status)) {
                return new AccessCheck(new PurgeAnswer.Refused("Token" + Character.toUpperCase(status.charAt(0)) + status.substring(1),
                        "Cloudflare says the API token is " + status), Optional.empty());
            }
            return new AccessCheck(new PurgeAnswer.Accepted(null, "ok", false), VendorHttp.instant(result.path("expires_on")));
        } catch (IOException | InterruptedException e) {
            return new AccessCheck(VendorHttp.unanswered(e), Optional.empty());
        }
    }

    private static boolean isPrefix(PurgeTarget target, String item) {
        return target.purgeBy() == PurgeBy.URL && item.endsWith("*");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(config.endpoint().toString().replaceAll("/+$", "") + path))
                .header("Authorization", "Bearer " + config.token().orElse(""));
    }

    /** Cloudflare's errors: {@code {"success": false, "errors": [{"code": …, "message": …}]}}. */
    private static PurgeAnswer failure(VendorHttp.Reply reply) {
        int status = reply.status();
        JsonNode error = reply.body().path("errors").path(0);
        int code = error.path("code").asInt(0);
        String name = code != 0 ? String.valueOf(code) : "HTTP" + status;
        String message = PurgeAnswer.shorten(error.path("message").asText(""));
        if (status == 401 || status == 403 || REFUSALS.contains(code)) {
            return new PurgeAnswer.Refused(name, message);
        }
        if (status == 429 || status >= 500) {
            return new PurgeAnswer.Wait(status == 429 ? "RateLimited" : name, message);
        }
        return new PurgeAnswer.Rejected(name, message);
    }
}
