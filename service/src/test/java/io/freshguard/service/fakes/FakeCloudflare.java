package io.freshguard.service.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cloudflare's API v4 purge on loopback: {@code POST /zones/<zone>/purge_cache} with {@code files}, {@code prefixes} or
 * {@code tags} (one kind, at most 30 items, as the free plan takes), and {@code GET /user/tokens/verify} (or an account's) with the
 * token's expiry; a bearer token checked, Cloudflare's error envelope ({@code success: false, errors: [{code, message}]}),
 * 429 past the account's purge rate.
 */
public final class FakeCloudflare extends FakePurgeApi {

    public static final String TOKEN = "cloudflare-test-token-7a1f";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> verifications = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeCloudflare() {
        super(TOKEN);
    }

    /** The token verifications asked for, by path (a user's or an account's). */
    public List<String> verifications() {
        return List.copyOf(verifications);
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!("Bearer " + acceptedToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            purges.add(new Purge("refused", List.of(path), 403, Instant.now()));
            send(exchange, 403, "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}");
            return;
        }
        if (path.equals("/user/tokens/verify") || path.matches("/accounts/[^/]+/tokens/verify")) {
            verifications.add(path);
            send(exchange, 200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"ed17574386854bf78a67040be0a770b0\","
                    + "\"status\":\"active\"" + (tokenExpiresAt == null ? "" : ",\"expires_on\":\"" + tokenExpiresAt + "\"") + "}}");
            return;
        }
        if (!path.matches("/zones/[^/]+/purge_cache") || !exchange.getRequestMethod().equals("POST")) {
            send(exchange, 404, "{\"success\":false,\"errors\":[{\"code\":7003,\"message\":\"Could not route to " + path
                    + ", perhaps your object identifier is invalid?\"}],\"messages\":[],\"result\":null}");
            return;
        }
        if (!withinRate()) {
            send(exchange, 429, "{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait and consider throttling your request speed\"}],\"messages\":[],\"result\":null}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> kinds = new ArrayList<>();
        body.fieldNames().forEachRemaining(kinds::add);
        JsonNode items = body.path(kinds.isEmpty() ? "files" : kinds.get(0));
        if (kinds.size() != 1 || !items.isArray() || items.isEmpty() || items.size() > 30) {
            send(exchange, 400, "{\"success\":false,\"errors\":[{\"code\":1012,\"message\":\"Request must contain one of"
                    + " files, tags, hosts, prefixes, with at most 30 items\"}],\"messages\":[],\"result\":null}");
            return;
        }
        List<String> named = new ArrayList<>();
        items.forEach(i -> named.add(i.asText()));
        purges.add(new Purge(kinds.get(0), named, 200, Instant.now()));
        for (String item : named) {
            switch (kinds.get(0)) {
                case "files" -> evict(URI.create(item).getRawPath());
                case "prefixes" -> evict(item.substring(item.indexOf('/')) + "*");
                default -> evict("tag:" + item);
            }
        }
        send(exchange, 200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + id() + "\"}}");
    }
}
