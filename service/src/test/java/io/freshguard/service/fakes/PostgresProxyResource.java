package io.freshguard.service.fakes;

import io.freshguard.service.support.TestPostgres;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts a TCP proxy between the service and the local PostgreSQL, so a test can make the database unreachable
 * ({@link #cut()}) and bring it back ({@link #restore()}) without stopping the shared server.
 */
public class PostgresProxyResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = System.getProperty("freshguard.test.database", "freshguard_test").replaceAll("[^a-z0-9_]", "");

    private static volatile boolean open = true;
    private static volatile boolean silent;
    private static final Set<Socket> SOCKETS = ConcurrentHashMap.newKeySet();
    private static ServerSocket server;

    @Override
    public synchronized Map<String, String> start() {
        createDatabaseIfMissing();
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the PostgreSQL proxy port", e);
        }
        // a relaunch (Quarkus restarts the resources after a failed integration test) starts with the way open
        open = true;
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> acceptLoop(listening), "pg-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/" + DATABASE);
    }

    @Override
    public synchronized void stop() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        cut();
    }

    /** So that {@code ./mvnw verify} needs nothing but a running PostgreSQL. */
    private static void createDatabaseIfMissing() {
        try (Connection c = TestPostgres.connect("postgres");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on " + TestPostgres.HOST_PORT + " with trust auth for user postgres", e);
        }
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public static void cut() {
        open = false;
        for (Socket socket : SOCKETS) {
            closeQuietly(socket);
        }
        SOCKETS.clear();
    }

    /**
     * The network goes silent without a FIN or a reset, as when a NAT forgets a connection or a failover moves the
     * address: every connection stays open and no byte crosses, either way, until {@link #restore()}.
     */
    public static void silence() {
        silent = true;
    }

    /** Lets connections through again; connections that went silent end now (their peer has long forgotten them). */
    public static void restore() {
        if (silent) {
            silent = false;
            for (Socket socket : SOCKETS) {
                closeQuietly(socket);
            }
            SOCKETS.clear();
        }
        open = true;
    }

    private static void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (!open) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(TestPostgres.HOST, TestPostgres.PORT);
                SOCKETS.add(client);
                SOCKETS.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    Log.debugf("pg proxy accept failed: %s", e.getMessage());
                }
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (silent) {
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away; close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                SOCKETS.remove(from);
                SOCKETS.remove(to);
            }
        }, "pg-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
