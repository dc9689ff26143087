package io.freshguard.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.freshguard.audit.service.runtime.BackgroundThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Plain JUnit over the shipped deployment files: they parse, and they keep webhook intake independent of readiness
 * (a stale asset must never take the replica that the fixing webhook comes through out of the load balancer).
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..");
    static final YAMLMapper YAML = new YAMLMapper();

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            it.forEachRemaining(docs::add);
        }
        return docs;
    }

    static JsonNode kind(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void kubernetesRoutesWebhooksToEveryRunningReplicaAndProbesLivenessWithoutCloudFront() throws IOException {
        List<JsonNode> docs = documents(ROOT.resolve("deploy/k8s/freshguard.yaml"));
        JsonNode everyReplica = kind(docs, "Service", "freshguard-public");
        assertTrue(everyReplica.path("spec").path("publishNotReadyAddresses").asBoolean());
        // webhooks, the dashboard and the audit API (the CI gate) stay reachable while every replica is unready
        JsonNode ingress = kind(docs, "Ingress", "freshguard");
        List<String> paths = new ArrayList<>();
        ingress.at("/spec/rules/0/http/paths").forEach(path -> {
            paths.add(path.path("path").asText());
            assertEquals("freshguard-public", path.at("/backend/service/name").asText(), path.toString());
        });
        assertTrue(paths.containsAll(List.of("/webhooks", "/audit", "/")), paths.toString());
        JsonNode container = kind(docs, "Deployment", "freshguard").at("/spec/template/spec/containers/0");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        // health and metrics are on the management port, which no public Service or Ingress path reaches
        assertEquals("management", container.at("/livenessProbe/httpGet/port").asText());
        assertEquals("management", container.at("/readinessProbe/httpGet/port").asText());
        everyReplica.at("/spec/ports").forEach(port -> assertEquals("http", port.path("targetPort").asText(), port.toString()));
        assertTrue(Files.readString(ROOT.resolve("service/src/main/resources/application.properties"))
                .contains("quarkus.management.enabled=true"));
        // SIGTERM: the HTTP drain (quarkus.shutdown.timeout), then the one grace every background lane shares
        String properties = Files.readString(ROOT.resolve("service/src/main/resources/application.properties"));
        Matcher drain = Pattern.compile("quarkus\\.shutdown\\.timeout=(\\d+)s").matcher(properties);
        Matcher pool = Pattern.compile("quarkus\\.thread-pool\\.shutdown-timeout=(\\d+)S").matcher(properties);
        assertTrue(drain.find() && pool.find());
        long needed = Long.parseLong(drain.group(1)) + BackgroundThreads.SHUTDOWN_GRACE.toSeconds() + Long.parseLong(pool.group(1));
        assertTrue(kind(docs, "Deployment", "freshguard").at("/spec/template/spec/terminationGracePeriodSeconds").asInt() > needed,
                "longer than quarkus.shutdown.timeout, the lanes' shared grace and the pool's wait, " + needed + " s");
    }

    @Test
    void composeAndHerokuFilesAreThere() throws IOException {
        JsonNode compose = documents(ROOT.resolve("deploy/compose.yml")).get(0);
        assertEquals("postgres:15", compose.at("/services/db/image").asText());
        assertTrue(compose.at("/services/freshguard/healthcheck/test").toString().contains(":9000/q/health/live"));
        compose.at("/services/freshguard/ports").forEach(port -> assertTrue(port.asText().startsWith("127.0.0.1:")
                || !port.asText().contains("9000"), "the management port is published beyond loopback: " + port));
        assertTrue(compose.at("/services/freshguard/environment/FRESHGUARD_AUDIT_CHAIN_KEY").asText().contains("?"),
                "refuses to start without a chain key");
        assertTrue(Files.readString(ROOT.resolve("Procfile")).startsWith("web: bin/freshguard"), "Heroku starts the launcher");
        assertTrue(Files.readString(ROOT.resolve("service/src/main/resources/application.properties")).contains("quarkus.http.port=${PORT:8080}"));
        // Heroku builds with -DskipTests on this JDK: the build writes a Leyden AOT cache from a start-up run
        assertTrue(Files.readString(ROOT.resolve("system.properties")).contains("java.runtime.version=25"));
        assertTrue(Files.readString(ROOT.resolve(".dockerignore")).contains("!bin/freshguard"), "the JVM image starts the launcher");
    }

    @Test
    void prometheusAlertRulesPassPromtool() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool),
                "promtool (Debian package prometheus) is not installed; .ci/run installs it");
        Process check = new ProcessBuilder(promtool.toString(), "check", "rules", ROOT.resolve("deploy/prometheus/alerts.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), output);
        long rules = Files.readAllLines(ROOT.resolve("deploy/prometheus/alerts.yml")).stream()
                .filter(line -> line.trim().startsWith("- alert:")).count();
        assertTrue(output.contains("SUCCESS: " + rules + " rules found"), output);
    }

    @Test
    void grafanaDashboardParsesAndChartsOnlyMetricsTheServiceDocuments() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/freshguard.json").toFile());
        assertEquals("DS_PROMETHEUS", dashboard.path("__inputs").path(0).path("name").asText());
        // the operator's documentation: the README and docs/
        StringBuilder docs = new StringBuilder(Files.readString(ROOT.resolve("README.md")));
        try (var files = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                docs.append(Files.readString(doc));
            }
        }
        String readme = docs.toString();
        List<String> exprs = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertTrue(exprs.size() >= 10, exprs.toString());
        String alerts = Files.readString(ROOT.resolve("deploy/prometheus/alerts.yml"));
        Matcher metric = Pattern.compile("freshguard_[a-z_]+").matcher(String.join("\n", exprs) + alerts);
        while (metric.find()) {
            String name = metric.group().replaceAll("_(bucket|count|sum)$", "");
            assertTrue(readme.contains(name), name + " is charted or alerted on but not documented in the README or docs/");
        }
    }
}
