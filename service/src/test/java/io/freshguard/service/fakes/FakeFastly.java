package io.freshguard.service.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Fastly's purge API on loopback: {@code POST /purge/<host><path>} (a URL), {@code POST /service/<id>/purge} with
 * {@code Surrogate-Key} (keys, told to the CDN as {@code key:<key>}), and {@code GET /tokens/self}; {@code Fastly-Key}
 * checked, Fastly's JSON errors ({@code {"msg": …}}), 429 past the rate.
 */
public final class FakeFastly extends FakePurgeApi {

    public static final String TOKEN = "fastly-test-token-0d5c";

    public FakeFastly() {
        super(TOKEN);
    }

    @Override
    protected void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!acceptedToken.equals(exchange.getRequestHeaders().getFirst("Fastly-Key"))) {
            purges.add(new Purge("refused", List.of(path), 401, Instant.now()));
            send(exchange, 401, "{\"msg\":\"Provided credentials are missing or invalid\"}");
            return;
        }
        if (path.equals("/tokens/self") && exchange.getRequestMethod().equals("GET")) {
            send(exchange, 200, "{\"id\":\"tok1\",\"name\":\"freshguard\",\"scope\":\"purge_select\",\"expires_at\":"
                    + (tokenExpiresAt == null ? "null" : "\"" + tokenExpiresAt + "\"") + "}");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 404, "{\"msg\":\"Record not found\"}");
            return;
        }
        if (!withinRate()) {
            send(exchange, 429, "{\"msg\":\"Too many requests\"}");
            return;
        }
        boolean soft = "1".equals(exchange.getRequestHeaders().getFirst("Fastly-Soft-Purge"));
        if (path.startsWith("/purge/")) {
            String hostAndPath = path.substring("/purge/".length());
            String purged = hostAndPath.substring(hostAndPath.indexOf('/'));
            purges.add(new Purge(soft ? "soft-url" : "url", List.of(hostAndPath), 200, Instant.now()));
            if (!soft) {
                evict(purged);
            }
            send(exchange, 200, "{\"status\":\"ok\",\"id\":\"" + id() + "\"}");
            return;
        }
        if (path.matches("/service/[^/]+/purge")) {
            List<String> keys = Arrays.asList(String.valueOf(exchange.getRequestHeaders().getFirst("Surrogate-Key")).trim().split(" +"));
            purges.add(new Purge(soft ? "soft-key" : "key", keys, 200, Instant.now()));
            StringBuilder body = new StringBuilder("{");
            for (String key : keys) {
                if (!soft) {
                    evict("key:" + key);
                }
                body.append(body.length() > 1 ? "," : "").append('"').append(key).append("\":\"").append(id()).append('"');
            }
            send(exchange, 200, body.append('}').toString());
            return;
        }
        send(exchange, 404, "{\"msg\":\"Record not found\"}");
    }
}
