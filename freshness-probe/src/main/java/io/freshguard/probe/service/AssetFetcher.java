package io.freshguard.probe.service;

import io.freshguard.audit.service.runtime.BackgroundThreads;
import io.freshguard.probe.config.ProbeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches an asset the way a customer's browser gets it through the CDN: a plain GET with no cache-busting, read
 * only until the build marker (or the byte limit), within one time limit for the whole exchange.
 */
@ApplicationScoped
public class AssetFetcher {

    /**
     * What one fetch saw. {@code status} is 0 when no HTTP answer arrived; {@code edge} is the CDN edge that answered
     * (the edge header), null when it did not say.
     */
    public record Fetch(int status, Optional<BuildMarker.Marker> marker, int bytesRead, long latencyMs, String age,
            String xCache, String etag, String edge, String error) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final String RESTRICTED_HEADERS = "jdk.httpclient.allowRestrictedHeaders";

    private final ProbeConfig config;
    private final EdgeAddresses edges;
    private volatile HttpClient client;
    private final ScheduledExecutorService deadlines = BackgroundThreads.lane("freshguard-probe-deadlines");

    public AssetFetcher(ProbeConfig config) {
        this.config = config;
        this.edges = EdgeAddresses.parse(config.resolve().orElse(List.of()));
        if (!edges.isEmpty() && System.getProperty(RESTRICTED_HEADERS) == null) {
            // the JDK client refuses to set Host unless told before its first request; pinned edges need it
            System.setProperty(RESTRICTED_HEADERS, "host");
        }
    }

    /**
     * Built on the first fetch, on a probe thread: building it loads the JDK's trust store, a few hundred
     * milliseconds that would otherwise sit between starting the service and its first answer.
     */
    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder()
                            .connectTimeout(config.timeout())
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    client = built;
                }
            }
        }
        return built;
    }

    /**
     * Fails start-up, naming the property, when pins cannot be honoured: an https asset pinned, or a JVM whose HTTP
     * client was set up before the Host header was allowed.
     */
    public void checkPins(List<String> urls) {
        if (edges.isEmpty()) {
            return;
        }
        edges.check(urls);
        try {
            HttpRequest.newBuilder(URI.create("http://pinned.invalid/")).header("Host", "pinned.invalid");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(EdgeAddresses.PROPERTY + " needs the JVM option -D" + RESTRICTED_HEADERS + "=host", e);
        }
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
    }

    /** The uncompressed copy (how the origin is read). */
    public Fetch fetch(String url, BuildMarker marker) {
        return fetch(url, marker, ContentEncoding.IDENTITY);
    }

    /** The copy a browser asking for {@code encoding} gets, decompressed and read up to the marker or max-bytes. */
    public Fetch fetch(String url, BuildMarker marker, ContentEncoding encoding) {
        long started = System.nanoTime();
        URI target = URI.create(url);
        HttpRequest.Builder builder = HttpRequest.newBuilder(edges.connectTo(target))
                .timeout(config.timeout())
                .header("User-Agent", config.userAgent())
                .header("Accept-Encoding", encoding.token())
                .GET();
        edges.hostHeader(target).ifPresent(host -> builder.header("Host", host));
        HttpRequest request = builder.build();
        AtomicBoolean timedOut = new AtomicBoolean();
        HttpResponse<InputStream> response = null;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            long remaining = config.timeout().toNanos() - (System.nanoTime() - started);
            InputStream body = response.body();
            ScheduledFuture<?> deadline = deadlines.schedule(() -> {
                timedOut.set(true);
                closeQuietly(body);
            }, Math.max(0, remaining), TimeUnit.NANOSECONDS);
            try (body) {
                int status = response.statusCode();
                String age = header(response, "Age");
                String xCache = header(response, "X-Cache");
                String etag = header(response, "ETag");
                String edge = EdgeHeaders.edgeOf(response.headers()::firstValue, config.edgeHeader());
                if (status < 200 || status >= 300) {
                    return new Fetch(status, Optional.empty(), 0, millisSince(started), age, xCache, etag, edge, "HTTP " + status);
                }
                BuildMarker.Reading reading;
                try {
                    reading = marker.read(ContentEncoding.decode(body, header(response, "Content-Encoding")), config.maxBytes());
                } catch (IOException e) {
                    if (timedOut.get()) {
                        throw e;
                    }
                    return new Fetch(status, Optional.empty(), 0, millisSince(started), age, xCache, etag, edge,
                            "the " + encoding.token() + " copy could not be decoded: " + e.getMessage());
                }
                return new Fetch(status, reading.marker(), reading.bytesRead(), millisSince(started), age, xCache, etag,
                        edge, reading.marker().isPresent() ? null : "no build marker in the first " + reading.bytesRead() + " bytes");
            } finally {
                deadline.cancel(false);
            }
        } catch (HttpTimeoutException e) {
            return failure(started, "timed out after " + config.timeout());
        } catch (IOException e) {
            return failure(started, timedOut.get() ? "timed out after " + config.timeout() : "fetch failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(started, "interrupted");
        }
    }

    private static Fetch failure(long started, String error) {
        return new Fetch(0, Optional.empty(), 0, millisSince(started), null, null, null, null, error);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the read is aborted
        }
    }
}
