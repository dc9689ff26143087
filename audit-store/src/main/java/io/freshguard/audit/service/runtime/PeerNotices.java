package io.freshguard.audit.service.runtime;

import io.freshguard.audit.config.PeersConfig;
import io.freshguard.audit.service.chain.DeployRecorded;
import io.freshguard.audit.service.chain.WorkDue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes the other replicas' workers through PostgreSQL {@code LISTEN/NOTIFY} when this one stores a deploy, so a
 * deploy is planned at once even if the replica that took it dies right after its commit. At most one notice a
 * second leaves a replica (a burst costs one), sent after the commit on its own connection, never on the webhook's
 * path. A notice can be missed (a listener reconnecting): the workers' slow safety-net re-check still finds the
 * work. Databases without LISTEN (H2 in dev) simply go without.
 * <p>
 * The listening connection proves it can still hear: when it has heard nothing for {@code freshguard.peers.heartbeat}
 * it sends a heartbeat notice (which every listener hears, itself included), and when it has heard nothing for
 * {@code deaf-after} it is dropped and replaced, whatever TCP believes (a half-open connection reads nothing for ever).
 * Its socket also has a network timeout and the pool's connections TCP keepalive. When it last heard is a gauge and
 * a detail of the {@code database} readiness check.
 */
@ApplicationScoped
public class PeerNotices {

    static final String CHANNEL = "freshguard_work";
    /**
     * A listener waits this long for a notice before it checks that it should still listen; the wait reads the socket
     * and sends nothing, so it costs the database no transaction. Shutdown does not wait it out: it sends a notice of
     * its own, which ends the wait at once.
     */
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(30);
    /** How long shutdown waits for the listener to hand its connection back before the pool closes. */
    private static final Duration LISTENER_EXIT = Duration.ofSeconds(2);
    private static final Duration DEBOUNCE = Duration.ofSeconds(1);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(5);

    /** What a heartbeat notice carries: it proves the channel works and wakes no worker. */
    static final String HEARTBEAT = "heartbeat";

    private final DataSource dataSource;
    private final Event<WorkDue> workDue;
    private final PeersConfig config;
    private final MeterRegistry metrics;
    private final AtomicLong lastHeardMillis = new AtomicLong();
    private final AtomicLong lastSent = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile boolean supported = true;
    private volatile boolean running;
    private volatile boolean listening;
    private ExecutorService sender;
    private Thread listener;

    public PeerNotices(DataSource dataSource, Event<WorkDue> workDue, PeersConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.workDue = workDue;
        this.config = config;
        this.metrics = metrics;
        Gauge.builder("freshguard.peer.listener.last.heard.timestamp.seconds", lastHeardMillis, t -> t.get() / 1000.0)
                .description("When the LISTEN connection last heard a notice (a peer's, or its own heartbeat); 0 before it first did")
                .register(metrics);
    }

    /** When the listening connection last heard anything; empty before it first did (or on a database without LISTEN). */
    public Optional<Instant> lastHeard() {
        long millis = lastHeardMillis.get();
        return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /** Whether this replica listens (false on a database without LISTEN). */
    public boolean supported() {
        return supported;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        sender = Executors.newSingleThreadExecutor(BackgroundThreads.named("freshguard-peer-notice"));
        listener = BackgroundThreads.named("freshguard-peer-listener").newThread(this::listen);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event, ShutdownBudget budget) {
        running = false;
        sender.shutdownNow();
        // a listener waiting for a notice gets one (it ends the wait, and wakes the peers' workers once, which is
        // harmless) and hands its connection back; one sleeping before a reconnect is interrupted
        if (listening) {
            send();
        } else {
            listener.interrupt();
        }
        try {
            listener.join(Math.max(1, Math.min(LISTENER_EXIT.toMillis(), budget.remaining().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void onDeployRecorded(@Observes DeployRecorded recorded) {
        long now = System.nanoTime();
        long last = lastSent.get();
        if (!supported || now - last < DEBOUNCE.toNanos() || !lastSent.compareAndSet(last, now)) {
            return;
        }
        try {
            sender.execute(this::send);
        } catch (RejectedExecutionException shuttingDown) {
            // the peers' safety net covers it
        }
    }

    private void send() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("NOTIFY " + CHANNEL);
        } catch (SQLException e) {
            Log.debugf("Peer notice not sent (%s): the peers' safety net finds the work", e.getMessage());
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection postgres;
                try {
                    postgres = connection.unwrap(PGConnection.class);
                } catch (SQLException notPostgres) {
                    supported = false;
                    Log.info("No LISTEN/NOTIFY on this database: replicas find each other's work by their periodic re-check");
                    return;
                }
                // a read or a write that waits longer than this on a dead socket fails instead of hanging the listener
                connection.setNetworkTimeout(Runnable::run, (int) config.deafAfter().plus(config.heartbeat()).toMillis());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                heard();
                hear(connection, postgres);
                if (running) {
                    replaced("it heard nothing for " + config.deafAfter() + ", not even its own heartbeat");
                    connection.abort(Runnable::run);
                }
            } catch (SQLException | RuntimeException e) {
                boolean wasListening = listening;
                listening = false;
                if (!running) {
                    return;
                }
                if (wasListening) {
                    // a heartbeat that got no answer within the network timeout: the same deafness, found by the write
                    replaced(e.getClass().getSimpleName());
                } else {
                    Log.debugf("Peer listener reconnecting: %s", e.toString());
                }
                try {
                    Thread.sleep(RECONNECT_AFTER.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Listens until shutdown or until the connection is deaf (it answers then, for the caller to replace it). */
    private void hear(Connection connection, PGConnection postgres) throws SQLException {
        long wait = Math.min(LISTEN_WAIT.toMillis(), config.heartbeat().toMillis());
        while (running) {
            PGNotification[] notices = postgres.getNotifications((int) wait);
            if (notices != null && notices.length > 0) {
                heard();
                boolean work = false;
                for (PGNotification notice : notices) {
                    work |= !HEARTBEAT.equals(notice.getParameter());
                }
                if (running && work) {
                    workDue.fire(new WorkDue("a peer stored a deploy"));
                }
                continue;
            }
            long quiet = System.currentTimeMillis() - lastHeardMillis.get();
            if (quiet >= config.deafAfter().toMillis()) {
                listening = false;
                return;
            }
            if (quiet >= config.heartbeat().toMillis()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("NOTIFY " + CHANNEL + ", '" + HEARTBEAT + "'");
                }
            }
        }
    }

    private void replaced(String why) {
        metrics.counter("freshguard.peer.listener.replaced").increment();
        Log.warnf("The LISTEN connection stopped hearing (%s): replacing it", why);
    }

    private void heard() {
        lastHeardMillis.set(System.currentTimeMillis());
    }
}
