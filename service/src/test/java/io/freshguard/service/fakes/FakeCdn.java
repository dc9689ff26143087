package io.freshguard.service.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * An origin and a caching CDN in front of it, on two loopback ports. The CDN serves its cached copy (with
 * {@code Age}, {@code X-Cache} and {@code ETag}) until it is purged, as CloudFront does until an invalidation
 * completes; tests can also make a path answer 404 or hang. An edge of its own (one CloudFront POP) binds the
 * CDN side to a given loopback address and port and names itself in {@code X-Amz-Cf-Pop}.
 */
public final class FakeCdn {

    private final InetAddress cdnAddress;
    private final int cdnPort;
    private final String pop;

    public FakeCdn() {
        this(InetAddress.getLoopbackAddress(), 0, null);
    }

    private FakeCdn(InetAddress cdnAddress, int cdnPort, String pop) {
        this.cdnAddress = cdnAddress;
        this.cdnPort = cdnPort;
        this.pop = pop;
    }

    /** One edge: the CDN side on {@code address:port} (0 for any port), answering as {@code pop}. */
    public static FakeCdn edge(String address, int port, String pop) {
        try {
            return new FakeCdn(InetAddress.getByName(address), port, pop);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private record Cached(byte[] body, Instant at, String etag) {
    }

    private HttpServer origin;
    private HttpServer cdn;
    private final Map<String, byte[]> originContent = new ConcurrentHashMap<>();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Integer> cdnStatus = new ConcurrentHashMap<>();
    private final Map<String, Duration> cdnDelay = new ConcurrentHashMap<>();
    private final Map<String, byte[]> nextFill = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pinned = new ConcurrentHashMap<>();

    public synchronized void start() {
        try {
            origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            cdn = HttpServer.create(new InetSocketAddress(cdnAddress, cdnPort), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        origin.setExecutor(Executors.newFixedThreadPool(4));
        cdn.setExecutor(Executors.newFixedThreadPool(16));
        origin.createContext("/", this::serveOrigin);
        cdn.createContext("/", this::serveCdn);
        origin.start();
        cdn.start();
    }

    public synchronized void stop() {
        origin.stop(0);
        cdn.stop(0);
    }

    public String originUrl(String path) {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + path;
    }

    public int cdnPort() {
        return cdn.getAddress().getPort();
    }

    public String cdnUrl(String path) {
        return "http://127.0.0.1:" + cdn.getAddress().getPort() + path;
    }

    /** What the origin serves from now on (the CDN keeps its cached copy until purged). */
    public void publish(String path, String content) {
        originContent.put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops every cached copy (brotli, gzip, uncompressed) of a path, or of every path under a wildcard. */
    public void purge(String pathOrWildcard) {
        if (pathOrWildcard.endsWith("*")) {
            String prefix = pathOrWildcard.substring(0, pathOrWildcard.length() - 1);
            cache.keySet().removeIf(p -> p.startsWith(prefix));
        } else {
            cache.keySet().removeIf(p -> p.startsWith(pathOrWildcard + "|"));
        }
    }

    /** Fills one copy as if it had been cached at another moment (from an old dyno, say) than the others. */
    public void fillCopy(String path, String encoding, String content) {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        cache.put(path + "|" + encoding, new Cached(body, Instant.now(),
                "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\""));
    }

    /** The next time this copy is filled, it gets this content: served by an old dyno while the origin flips. */
    public void nextFill(String path, String encoding, String content) {
        nextFill.put(path + "|" + encoding, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Every copy of the path is filled with this content, whatever the origin serves: an old dyno that never goes. */
    public void pin(String path, String content) {
        pinned.put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public void unpin(String path) {
        pinned.remove(path);
    }

    public void answer(String path, int status) {
        cdnStatus.put(path, status);
    }

    public void hang(String path, Duration delay) {
        cdnDelay.put(path, delay);
    }

    public void heal(String path) {
        cdnStatus.remove(path);
        cdnDelay.remove(path);
    }

    private void serveOrigin(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = originContent.get(exchange.getRequestURI().getPath());
            if (body == null) {
                send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, body);
        }
    }

    private void serveCdn(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Duration delay = cdnDelay.get(path);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = cdnStatus.get(path);
            if (status != null) {
                send(exchange, status, ("<html>" + status + "</html>").getBytes(StandardCharsets.UTF_8));
                return;
            }
            // like CloudFront with compression on: one cached copy per encoding the viewer accepts
            String accepted = String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            String encoding = accepted.contains("br") ? "br" : accepted.contains("gzip") ? "gzip" : "identity";
            Cached cached = cache.get(path + "|" + encoding);
            boolean hit = cached != null;
            if (!hit) {
                byte[] body = nextFill.remove(path + "|" + encoding);
                body = body != null ? body : pinned.getOrDefault(path, originContent.get(path));
                if (body == null) {
                    send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                cached = new Cached(body, Instant.now(), "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
                cache.put(path + "|" + encoding, cached);
            }
            exchange.getResponseHeaders().add("X-Cache", hit ? "Hit from cloudfront" : "Miss from cloudfront");
            exchange.getResponseHeaders().add("Age", String.valueOf(Duration.between(cached.at(), Instant.now()).toSeconds()));
            exchange.getResponseHeaders().add("ETag", cached.etag());
            if (pop != null) {
                exchange.getResponseHeaders().add("X-Amz-Cf-Pop", pop);
            }
            if (!encoding.equals("identity")) {
                exchange.getResponseHeaders().add("Content-Encoding", encoding);
            }
            send(exchange, 200, encoding.equals("br") ? brotli(cached.body()) : encoding.equals("gzip") ? gzip(cached.body()) : cached.body());
        }
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * A valid brotli stream (RFC 7932) made of uncompressed meta-blocks: enough for a decoder to prove it reads br,
     * with no encoder library. Bits go least significant first.
     */
    static byte[] brotli(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bits bits = new Bits(out);
        // WBITS = 16: a single 0 bit
        bits.write(0, 1);
        for (int offset = 0; offset < body.length; offset += 65536) {
            int length = Math.min(65536, body.length - offset);
            // ISLAST = 0, MNIBBLES = 4 (00), MLEN - 1 in 16 bits, ISUNCOMPRESSED = 1
            bits.write(0, 1);
            bits.write(0, 2);
            bits.write(length - 1, 16);
            bits.write(1, 1);
            // pad to a byte boundary, then the bytes as they are
            bits.flush();
            out.write(body, offset, length);
        }
        // ISLAST = 1, ISLASTEMPTY = 1
        bits.write(1, 1);
        bits.write(1, 1);
        bits.flush();
        return out.toByteArray();
    }

    /** Bits least significant first, flushed as whole bytes padded with zeros. */
    private static final class Bits {
        private final ByteArrayOutputStream out;
        private long bits;
        private int count;

        Bits(ByteArrayOutputStream out) {
            this.out = out;
        }

        void write(long value, int width) {
            bits |= value << count;
            count += width;
        }

        void flush() {
            while (count > 0) {
                out.write((int) (bits & 0xFF));
                bits >>>= 8;
                count = Math.max(0, count - 8);
            }
            bits = 0;
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/javascript");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the probe stops reading at the marker and hangs up: that is the point
        }
    }
}
