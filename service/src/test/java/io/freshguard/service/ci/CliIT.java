package io.freshguard.service.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.freshguard.service.fakes.FakeCdn;
import io.freshguard.service.fakes.FakeCloudFront;
import io.freshguard.service.fakes.IdleCutProxy;
import io.freshguard.service.support.CdnSite;
import io.freshguard.service.support.GenericWebhooks;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CLI a pipeline uses ({@code cli/freshguard}, bash, curl and openssl) and the composite GitHub Action
 * ({@code action.yml}) run the way a runner runs it, against the packaged service: fresh, blocked, timeout, wrong
 * token, each with its exit code.
 */
class CliIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path CLI = ROOT.resolve("cli/freshguard");
    static final String DATABASE = "freshguard_cli_it";
    static final String PATH = "/cli/app.js";

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the CLI ended");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static String sha() {
        return UUID.randomUUID().toString().replace("-", "") + "0badcafe";
    }

    /**
     * Runs action.yml's steps as a runner does: each step's {@code if} and {@code env} with the inputs substituted
     * (defaults where an input is not given), its script from a file with {@code bash --noprofile --norc -eo pipefail},
     * in order, stopping at the first that fails; answers the job's output and the last exit code.
     */
    static Run runAction(Map<String, String> given, String githubSha) throws IOException, InterruptedException {
        JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("action.yml").toFile());
        Map<String, String> inputs = new HashMap<>();
        action.path("inputs").fields().forEachRemaining(e -> inputs.put(e.getKey(), given.getOrDefault(e.getKey(),
                e.getValue().path("default").asText("").replace("${{ github.sha }}", githubSha))));
        Run last = new Run(0, "", "");
        for (JsonNode step : action.at("/runs/steps")) {
            String condition = step.path("if").asText("");
            if (!condition.isEmpty() && !evaluate(condition, inputs)) {
                continue;
            }
            Map<String, String> env = new HashMap<>(Map.of("GITHUB_ACTION_PATH", ROOT.toString(), "GITHUB_SHA", githubSha));
            step.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), substitute(e.getValue().asText(), inputs)));
            Path script = Files.createTempFile("step", ".sh");
            Files.writeString(script, substitute(step.path("run").asText(), inputs), StandardCharsets.UTF_8);
            Run ran = run(env, List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString()));
            // the job's log holds every step's output
            last = new Run(ran.exit(), last.out() + ran.out(), last.err() + ran.err());
            if (last.exit() != 0) {
                return last;
            }
        }
        return last;
    }

    private static String substitute(String text, Map<String, String> inputs) {
        Matcher m = Pattern.compile("\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(inputs.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }

    /** The forms of condition action.yml uses: {@code ${{ a || b }}} of {@code inputs.x == 'v'} and {@code inputs.x != 'v'}. */
    private static boolean evaluate(String condition, Map<String, String> inputs) {
        Matcher whole = Pattern.compile("\\$\\{\\{(.*)}}").matcher(condition.trim());
        assertTrue(whole.matches(), "a condition this runner understands: " + condition);
        boolean any = false;
        for (String term : whole.group(1).split("\\|\\|")) {
            Matcher m = Pattern.compile("\\s*inputs\\.([\\w-]+)\\s*(==|!=)\\s*'([^']*)'\\s*").matcher(term);
            assertTrue(m.matches(), "a condition this runner understands: " + condition);
            boolean equal = inputs.getOrDefault(m.group(1), "").equals(m.group(3));
            any |= m.group(2).equals("==") == equal;
        }
        return any;
    }

    @Test
    void aPipelineNotifiesAndWaitsWithTheCliAndTheAction() throws Exception {
        try (CdnSite site = CdnSite.start("cli", PATH, "none")) {
            Map<String, String> config = site.config("ECLIDIST");
            config.put("freshguard.purge.coalesce-window", "PT0.2S");
            config.put("freshguard.purge.blocked-retry-interval", "PT1S");
            config.put("freshguard.wait.blocked-after", "PT2S");
            pipeline(site, config);
        }
    }

    /**
     * Behind a front end that cuts a request idle for 30 s (Heroku's router), the CLI still gets the right verdict after
     * a two-minute wait: the deploy arrives only after half a minute, CloudFront takes over a minute more. The deploy-id
     * wait, which sends nothing until it answers, is cut by the same proxy.
     */
    @Test
    void theGateGivesItsVerdictBehindAFrontEndThatCutsIdleRequests() throws Exception {
        try (CdnSite site = CdnSite.start("edge", PATH, "none")) {
            ServiceProcess.freshDatabase(DATABASE);
            try (ServiceProcess service = new ServiceProcess("cli-proxy", DATABASE, site.cloudfrontPort(), site.config("EEDGEDIST")).start();
                    IdleCutProxy proxy = new IdleCutProxy(URI.create(service.url("")).getPort(), Duration.ofSeconds(30))) {
                String sha = sha();
                long started = System.nanoTime();
                CompletableFuture<Run> waited = CompletableFuture.supplyAsync(() -> {
                    try {
                        return run(Map.of("FRESHGUARD_TOKEN", ServiceProcess.CI_TOKEN), List.of(CLI.toString(), "wait", "--url", proxy.url(""),
                                "--site", "edge", "--commit", sha, "--timeout", "5m"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(30_000);
                site.cloudfront.holdInProgress(true);
                site.cdn.publish(PATH, "/* app release=" + sha + " */\n");
                long deploy = GenericWebhooks.deployCommitTo(service.url(""), "edge", sha);
                // the deploy-id form sends no byte until it answers: the front end cuts it at 30 s
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest byId = HttpRequest.newBuilder(URI.create(proxy.url("/audit/deploys/" + deploy + "/wait?timeout=PT50S")))
                        .header("Authorization", "Bearer " + ServiceProcess.CI_TOKEN).build();
                CompletableFuture<HttpResponse<String>> cut = client.sendAsync(byId, HttpResponse.BodyHandlers.ofString());
                Thread.sleep(80_000);
                site.cloudfront.holdInProgress(false);
                site.cloudfront.completeAll();

                Run run = waited.get(3, TimeUnit.MINUTES);
                long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                assertEquals(0, run.exit(), run.toString());
                assertTrue(seconds >= 110, "the verdict took " + seconds + " s");
                assertTrue(run.out().contains("FRESH") && run.out().contains("deploy " + deploy), run.toString());
                // every held request answered inside the front end's limit: none was cut, none asked again
                assertFalse(run.err().contains("no answer"), run.toString());
                assertTrue(cut.isDone() && cut.isCompletedExceptionally(), "the deploy-id wait was cut by the proxy");
                assertTrue(proxy.cuts() >= 1, "the proxy cut the deploy-id wait");
            }
        }
    }

    private static void pipeline(CdnSite site, Map<String, String> config) throws Exception {
        FakeCdn cdn = site.cdn;
        FakeCloudFront cloudfront = site.cloudfront;
        ServiceProcess.freshDatabase(DATABASE);
        try (ServiceProcess service = new ServiceProcess("cli", DATABASE, site.cloudfrontPort(), config).start()) {
            String url = service.url("");

            // fresh: the Action notifies (as the sender, signed with its CI token) and waits on the same token; exit 0
            String fresh = sha();
            cdn.publish(PATH, "/* app release=" + fresh + " */\n");
            Run action = runAction(Map.of("url", url, "site", "cli", "token", ServiceProcess.CI_TOKEN, "timeout", "60s",
                    "notify", "true"), fresh);
            assertEquals(0, action.exit(), action.toString());
            assertTrue(action.out().contains("accepted deploy") && action.out().contains("FRESH"), action.toString());

            Map<String, String> ci = Map.of("FRESHGUARD_SECRET", Signatures.GENERIC_SECRET, "FRESHGUARD_TOKEN", ServiceProcess.CI_TOKEN);
            // blocked: CloudFront refuses the keys; refused once it has lasted blocked-after, the reason printed; exit 1
            cloudfront.acceptOnlyAccessKey("AKIDROTATEDELSEWHERE");
            String blocked = sha();
            assertEquals(0, run(ci, List.of(CLI.toString(), "notify", "--url", url, "--site", "cli", "--release", blocked,
                    "--commit", blocked)).exit());
            Run refused = run(ci, List.of(CLI.toString(), "wait", "--url", url, "--site", "cli", "--commit", blocked,
                    "--timeout", "60s"));
            assertEquals(1, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("BLOCKED") && refused.err().contains("InvalidClientTokenId"), refused.toString());
            cloudfront.heal();

            // timeout: a commit nobody deploys; exit 2 after the timeout, with what it last heard
            Run late = run(ci, List.of(CLI.toString(), "wait", "--url", url, "--site", "cli", "--commit", sha(), "--timeout", "3s"));
            assertEquals(2, late.exit(), late.toString());
            assertTrue(late.err().contains("timed out") && late.out().contains("no deploy of commit"), late.toString());

            // credentials and usage: exit 3
            Run wrongToken = run(Map.of("FRESHGUARD_TOKEN", "not-the-token"), List.of(CLI.toString(), "wait", "--url", url,
                    "--site", "cli", "--commit", fresh, "--timeout", "10s"));
            assertEquals(3, wrongToken.exit(), wrongToken.toString());
            Run wrongSecret = run(Map.of("FRESHGUARD_SECRET", "not-the-secret"), List.of(CLI.toString(), "notify", "--url", url,
                    "--site", "cli", "--release", sha()));
            assertEquals(3, wrongSecret.exit(), wrongSecret.toString());
            assertEquals(3, run(Map.of(), List.of(CLI.toString(), "wait", "--url", url)).exit());
        }
    }
}
