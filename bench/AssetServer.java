import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the CDN for the probe benchmark: /asset/N.js is a 200 KiB script whose build marker is in
 * its first line, as a minified bundle's banner would be. Usage: java bench/AssetServer.java PORT
 */
public class AssetServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] padding = ("/*" + "x".repeat(200 * 1024) + "*/\n").getBytes(StandardCharsets.UTF_8);
        AtomicLong bytesSent = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/asset/", exchange -> {
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                byte[] head = ("console.log(\"" + exchange.getRequestURI().getPath()
                        + " built on 2026-11-25 10:00:00 UTC in production\");\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/javascript");
                exchange.getResponseHeaders().add("X-Cache", "Hit from cloudfront");
                exchange.getResponseHeaders().add("Age", "42");
                exchange.sendResponseHeaders(200, head.length + padding.length);
                out.write(head);
                bytesSent.addAndGet(head.length);
                for (int off = 0; off < padding.length; off += 16384) {
                    int n = Math.min(16384, padding.length - off);
                    out.write(padding, off, n);
                    bytesSent.addAndGet(n);
                }
            } catch (IOException closedByProbe) {
                // the probe hangs up once it has the marker
            }
        });
        server.createContext("/stats", exchange -> {
            byte[] body = String.valueOf(bytesSent.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (exchange; OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }
}
