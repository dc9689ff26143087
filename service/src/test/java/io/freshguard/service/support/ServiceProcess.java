package io.freshguard.service.support;

import io.freshguard.service.fakes.FakeCloudFront;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged service as a separate JVM, so a test can kill it with SIGKILL and start it again. Everything it
 * talks to is on 127.0.0.1: PostgreSQL, and the fake CloudFront through an endpoint override with static keys.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The audit chain key every started service gets (production refuses to start without one). */
    public static final String CHAIN_KEY = "it-chain-key";
    /** The audit token every started service gets: strong enough for production's check (32 random bytes' worth). */
    public static final String AUDIT_TOKEN = "it-token-7c1e4b9a2f60d8e35b7a19c4f02e6d8b5a3c1f7e9d2b4a6c8e0f1a3b5c7d9e1f";
    /** The CI token every started service gets. */
    public static final String CI_TOKEN = "it-ci-token-3b8d0f6a4c2e9d7b5a1f3e8c6d4b2a0f9e7d5c3b1a8f6e4d2c0b9a7f5e3d1c8b";

    private static final Path APP = Path.of("target", "quarkus-app").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("..", "bin", "freshguard").toAbsolutePath().normalize();
    /** What the launcher starts with on the JDK running the tests: an AOT cache from JDK 25, else an AppCDS archive. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    /** {@code -Dnative} builds the executable instead of the jar, and these tests then start that (see the pom). */
    private static final boolean NATIVE = "native".equals(System.getProperty("freshguard.it.artifact", "jar"));

    private final List<String> command;
    private final Map<String, String> environment = new HashMap<>();
    private final int port;
    private final int managementPort;
    private final File log;
    private long logStart;
    private Process process;

    public ServiceProcess(String name, String database, int cloudfrontPort, Map<String, String> config) {
        this.port = freePort();
        this.managementPort = freePort();
        this.log = new File("target", name + ".log");
        List<String> options = new ArrayList<>(List.of("-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.datasource.jdbc.url=" + TestPostgres.url(database),
                "-Dquarkus.datasource.username=postgres",
                "-Dfreshguard.audit.token=" + AUDIT_TOKEN,
                "-Dfreshguard.audit.ci-token=" + CI_TOKEN,
                "-Dfreshguard.audit.chain-key=" + CHAIN_KEY,
                "-Dfreshguard.webhooks.generic.secret=" + Signatures.GENERIC_SECRET,
                "-Dfreshguard.cloudfront.endpoint=http://127.0.0.1:" + cloudfrontPort,
                "-Daws.accessKeyId=" + FakeCloudFront.ACCESS_KEY,
                "-Daws.secretAccessKey=" + FakeCloudFront.SECRET_KEY,
                "-Daws.region=us-east-1",
                "-Daws.disableEc2Metadata=true"));
        config.forEach((key, value) -> options.add("-D" + key + "=" + value));
        command = new ArrayList<>();
        if (NATIVE) {
            // a native executable takes the same -D and -Xmx options after its own name
            command.add(System.getProperty("native.image.path"));
            command.addAll(options);
        } else {
            // started as production starts it (Procfile, Dockerfile.jvm): the launcher, with the build's class
            // archive and memory settings, on the JDK running these tests; the options here come last and win
            command.add(LAUNCHER.toString());
            command.addAll(options);
            environment.put("FRESHGUARD_APP", APP.toString());
            environment.put("JAVA_HOME", System.getProperty("java.home"));
        }
    }

    /**
     * The class archive the launcher picks for this JDK, if the build wrote one: {@code app-cds.jsa} (JDK 17-24) or
     * {@code app.aot} (JDK 25+, written once an integration-test launch of the service has stopped).
     */
    public static Optional<Path> classArchive() {
        Path archive = APP.resolve(AOT_CACHE ? "app.aot" : "app-cds.jsa");
        try {
            // an AOT cache older than the jar is the last build's, waiting to be replaced when this build's tests end
            boolean current = Files.exists(archive)
                    && !Files.getLastModifiedTime(archive).toInstant().isBefore(Files.getLastModifiedTime(APP.resolve("quarkus-run.jar")).toInstant());
            return current ? Optional.of(archive) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes an archive the JVM cannot use fatal instead of silently ignored: the JVM then refuses to start. */
    public ServiceProcess requireClassArchive() {
        classArchive().orElseThrow();
        command.add(1, AOT_CACHE ? "-XX:AOTMode=on" : "-Xshare:on");
        return this;
    }

    /**
     * The service as Heroku starts it: the database only as {@code DATABASE_URL}, the way Heroku Postgres sets it,
     * with no datasource property of our own.
     */
    public static ServiceProcess onHeroku(String name, String databaseUrl, int cloudfrontPort, Map<String, String> config) {
        ServiceProcess service = new ServiceProcess(name, "unused", cloudfrontPort, config);
        service.command.removeIf(arg -> arg.startsWith("-Dquarkus.datasource."));
        service.environment.put("DATABASE_URL", databaseUrl);
        return service;
    }

    public static void freshDatabase(String name) {
        try (var c = TestPostgres.connect("postgres");
                var s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public ServiceProcess start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        logStart = log.length();
        builder.environment().putAll(environment);
        process = builder.start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(managementUrl("/q/health/live"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited; see " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("service did not start within 60 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no transaction completion, exactly a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops a replica; returns how long the process took to exit. */
    public Duration terminate() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        process.waitFor();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** What this start has written to its log so far (the file keeps earlier runs' lines too). */
    public String log() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log, "r")) {
            file.seek(logStart);
            byte[] written = new byte[(int) (file.length() - logStart)];
            file.readFully(written);
            return new String(written, StandardCharsets.UTF_8);
        }
    }

    /** A URL on the management port, where health and metrics are (never on the public one). */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
