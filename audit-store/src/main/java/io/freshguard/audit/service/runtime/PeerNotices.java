package io.freshguard.audit.service.runtime;

import io.freshguard.audit.service.chain.DeployRecorded;
import io.freshguard.audit.service.chain.WorkDue;
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

    private final DataSource dataSource;
    private final Event<WorkDue> workDue;
    private final AtomicLong lastSent = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile boolean supported = true;
    private volatile boolean running;
    private volatile boolean listening;
    private ExecutorService sender;
    private Thread listener;

    public PeerNotices(DataSource dataSource, Event<WorkDue> workDue) {
        this.dataSource = dataSource;
        this.workDue = workDue;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        sender = Executors.newSingleThreadExecutor(BackgroundThreads.named("freshguard-peer-notice"));
        listener = BackgroundThreads.named("freshguard-peer-listener").newThread(this::listen);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
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
            listener.join(LISTENER_EXIT.toMillis());
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
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                while (running) {
                    PGNotification[] notices = postgres.getNotifications((int) LISTEN_WAIT.toMillis());
                    if (running && notices != null && notices.length > 0) {
                        workDue.fire(new WorkDue("a peer stored a deploy"));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                Log.debugf("Peer listener reconnecting: %s", e.toString());
                try {
                    Thread.sleep(RECONNECT_AFTER.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
