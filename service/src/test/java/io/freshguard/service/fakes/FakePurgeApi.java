package io.freshguard.service.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What the stateful fakes of Fastly's and Cloudflare's purge APIs share: one accepted token (anything else is refused
 * as the vendor refuses it), a request rate past which the vendor answers 429, a log of every purge request, and the
 * CDN behind it, told each purged path unless the fake is set to answer 200 and evict nothing (a soft purge served
 * stale, a purge that missed a cache key).
 */
public abstract class FakePurgeApi implements AutoCloseable {

    /** One purge request that reached the fake: what it named, and the status it was answered with. */
    public record Purge(String kind, List<String> items, int status, Instant at) {
    }

    private HttpServer server;
    protected final List<Purge> purges = new CopyOnWriteArrayList<>();
    protected volatile String acceptedToken;
    protected volatile Instant tokenExpiresAt;
    protected volatile boolean evicts = true;
    private volatile Consumer<String> onPurgedPath = path -> { };
    private volatile int perMinute = Integer.MAX_VALUE;
    private final List<Long> recent = new CopyOnWriteArrayList<>();

    protected FakePurgeApi(String token) {
        this.acceptedToken = token;
    }

    public synchronized FakePurgeApi start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The CDN this API purges: told each path a purge evicts. */
    public void onPurged(Consumer<String> path) {
        onPurgedPath = path;
    }

    /** Whether a purge answered 200 really evicts. */
    public void evicts(boolean evicts) {
        this.evicts = evicts;
    }

    /** The token was rotated elsewhere: only this one is accepted from now on. */
    public void acceptOnlyToken(String token) {
        acceptedToken = token;
    }

    public void tokenExpiresAt(Instant at) {
        tokenExpiresAt = at;
    }

    /** The vendor's purge rate limit, in requests per rolling minute. */
    public void limitPerMinute(int requests) {
        perMinute = requests;
    }

    public List<Purge> purges() {
        return List.copyOf(purges);
    }

    protected abstract void handle(HttpExchange exchange) throws IOException;

    /** Takes one request from the rate bucket; false when the vendor would answer 429. */
    protected synchronized boolean withinRate() {
        long now = System.nanoTime();
        recent.removeIf(t -> now - t > 60_000_000_000L);
        if (recent.size() >= perMinute) {
            return false;
        }
        recent.add(now);
        return true;
    }

    protected void evict(String path) {
        if (evicts) {
            onPurgedPath.accept(path);
        }
    }

    protected static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    protected static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
