package io.freshguard.invalidation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.freshguard.invalidation.config.PurgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The JDK's HTTP client for the CDN APIs that have no SDK here (Fastly, Cloudflare): one call at a time, bounded by
 * the API timeout, never following redirects, its JSON answer read leniently (an HTML error page is no JSON).
 */
@ApplicationScoped
public class VendorHttp {

    /** A vendor's answer: the status and its JSON body (a missing node when the body was not JSON). */
    public record Reply(int status, JsonNode body) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    public VendorHttp(PurgeConfig config, ObjectMapper json) {
        this.timeout = config.apiTimeout();
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends a request; a network failure or timeout throws, for the caller to answer Wait. */
    public Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(timeout).header("Accept", "application/json")
                .header("User-Agent", "freshguard").build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException notJson) {
            body = json.missingNode();
        }
        return new Reply(response.statusCode(), body == null ? json.missingNode() : body);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A vendor's timestamp (ISO-8601), if the field holds one: a token's expiry, which may be null or absent. */
    public static Optional<Instant> instant(JsonNode value) {
        if (!value.isTextual() || value.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The answer when the call never got one: waited for again, like any network failure. */
    public static PurgeAnswer.Wait unanswered(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new PurgeAnswer.Wait("NetworkError", PurgeAnswer.shorten(e.toString()));
    }
}
