package io.freshguard.service.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A front end with an idle limit, as Heroku's router (30 s before the first byte of an answer, H12) and ingress-nginx or
 * an ALB (60 s) have: a connection on which no byte has moved either way for {@code idle} is closed, mid-request or not,
 * and the client gets no answer at all.
 */
public final class IdleCutProxy implements AutoCloseable {

    private final int upstreamPort;
    private final Duration idle;
    private final Map<Socket, long[]> lastByte = new ConcurrentHashMap<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private final ServerSocket server;
    private volatile boolean open = true;

    public IdleCutProxy(int upstreamPort, Duration idle) throws IOException {
        this.upstreamPort = upstreamPort;
        this.idle = idle;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        thread("proxy-accept", this::accept);
        thread("proxy-watchdog", this::watch);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** How many connections it has cut for being idle. */
    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                long[] last = {System.nanoTime()};
                lastByte.put(client, last);
                thread("proxy-up", () -> pump(client, upstream, last));
                thread("proxy-down", () -> pump(upstream, client, last));
            } catch (IOException e) {
                // closed, or the service is not listening: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, long[] last) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
                last[0] = System.nanoTime();
            }
        } catch (IOException e) {
            // the other side (or the watchdog) closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            lastByte.remove(from);
        }
    }

    private void watch() {
        while (open) {
            long now = System.nanoTime();
            lastByte.forEach((client, last) -> {
                if (now - last[0] > idle.toNanos()) {
                    cuts.incrementAndGet();
                    lastByte.remove(client);
                    closeQuietly(client);
                }
            });
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        open = false;
        lastByte.keySet().forEach(IdleCutProxy::closeQuietly);
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
