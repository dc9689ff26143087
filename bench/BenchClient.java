import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What every bench does to the packaged service: wait for it, then send signed generic deploys. */
final class BenchClient {

    static final String SECRET = "bench-secret";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private BenchClient() {
    }

    static void waitUntilLive(int port, String log) throws Exception {
        for (int i = 0; i < 120; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
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
