import io.freshguard.service.fakes.FakeCloudFront;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What every bench does to the packaged service: start it, wait for it, then send signed generic deploys. */
final class BenchClient {

    static final String SECRET = "bench-secret";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchClient() {
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The command that starts the packaged service on loopback: its PostgreSQL database, the fake CloudFront at
     * {@code cloudfrontPort} with static keys and an explicit region, WARN logs; the bench adds its own options (sites,
     * intervals) and then {@code -jar JAR}.
     */
    static List<String> serviceCommand(int port, String database, int cloudfrontPort) {
        return new ArrayList<>(List.of("java", "-Xmx512m", "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + (port + 1000),
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:5432/" + database, "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.log.level=WARN", "-Dfreshguard.audit.token=bench-token-0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e5b1d2468ace0f3c9a7e", "-Dfreshguard.audit.chain-key=bench-chain-key",
                "-Dfreshguard.webhooks.generic.secret=" + SECRET, "-Dfreshguard.cloudfront.endpoint=http://127.0.0.1:" + cloudfrontPort,
                "-Daws.accessKeyId=" + FakeCloudFront.ACCESS_KEY, "-Daws.secretAccessKey=" + FakeCloudFront.SECRET_KEY,
                "-Daws.region=us-east-1", "-Daws.disableEc2Metadata=true"));
    }

    static void waitUntilLive(int port, String log) throws Exception {
        for (int i = 0; i < 120; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1000) + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("service did not start; see " + log);
    }

    /** Posts {@code {"site", "release", "commit"}} signed with {@link #SECRET}; returns the deploy id. */
    static long post(int port, String site, String release) throws Exception {
        String body = "{\"site\":\"" + site + "\",\"release\":\"" + release + "\",\"commit\":\"0123abc\"}";
        long t = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/generic"))
                .header("Content-Type", "application/json").header("X-Freshguard-Signature", "t=" + t + ",v1=" + sig)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(response.body().replaceAll(".*\"deploy\":(\\d+).*", "$1"));
    }
}
