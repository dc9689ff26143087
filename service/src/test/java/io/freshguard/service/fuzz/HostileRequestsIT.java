package io.freshguard.service.fuzz;

import io.freshguard.service.support.RawHttp;
import io.freshguard.service.support.ServiceProcess;
import io.freshguard.service.support.Signatures;
import io.freshguard.service.support.TestPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Ten thousand generated requests, signed and unsigned, shaped like each sender's payload and not, to all four
 * webhook endpoints and the audit API of the packaged service: never a 5xx, and a refused request adds no row.
 */
class HostileRequestsIT {

    static final String DATABASE = "freshguard_fuzz_it";
    static final String HEROKU = "fuzz-heroku-secret";
    static final String GITHUB = "fuzz-github-secret";
    static final String PAPERTRAIL = "fuzz-papertrail-token";

    static ServiceProcess service;
    static int port;
    static Connection db;

    @BeforeContainer
    static void start() throws Exception {
        ServiceProcess.freshDatabase(DATABASE);
        service = new ServiceProcess("fuzz", DATABASE, 9, Map.of(
                "freshguard.purge.dry-run", "true",
                "freshguard.webhooks.heroku.secret", HEROKU,
                "freshguard.webhooks.github.secret", GITHUB,
                "freshguard.webhooks.papertrail.token", PAPERTRAIL,
                "freshguard.sites.acme.distribution-id", "EACMEFUZZ",
                "freshguard.sites.acme.paths", "/embed.js",
                "freshguard.sites.acme.sources", "heroku:acme-prod,github:Codertocat/Hello-World@production,papertrail:acme-prod,generic:acme",
                "quarkus.log.level", "WARN")).start();
        port = URI.create(service.url("")).getPort();
        db = TestPostgres.connect(DATABASE);
    }

    @AfterContainer
    static void stop() throws Exception {
        db.close();
        service.close();
    }

    record Request(String method, String target, String headers, byte[] body, boolean webhook) {

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + target + "\n" + headers + "\n" + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    @Property(tries = 10_000)
    void neverA5xxAndARefusedRequestChangesNothing(@ForAll("requests") Request request) throws Exception {
        long before = request.webhook() ? deploys() : 0;
        RawHttp.Answer answer = RawHttp.send(port, request.method(), request.target(), request.headers(), request.body());
        if (answer.status() >= 500) {
            throw new AssertionError("answered " + answer.status() + " to\n" + request + "\n---\n" + answer.text());
        }
        if (request.webhook() && answer.status() >= 400 && deploys() != before) {
            throw new AssertionError("refused with " + answer.status() + " but a deploy row was added:\n" + request);
        }
    }

    static long deploys() throws SQLException {
        try (ResultSet r = db.createStatement().executeQuery("select count(*) from deploy")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Provide
    Arbitrary<Request> requests() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, heroku()), Tuple.of(3, github()), Tuple.of(3, papertrail()), Tuple.of(3, generic()),
                Tuple.of(2, audit()));
    }

    // ---- values a sender might put anywhere ------------------------------------------------------------------

    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().ofMaxLength(30)),
                Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(90).ofMaxLength(700)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5)),
                Tuple.of(4, Arbitraries.of("", " ", "acme", "acme-prod", "Codertocat/Hello-World", "production", "success",
                        "succeeded", "release", "v42", "abc1234", "=HYPERLINK(\"http://x\")", "😀", "\uD800", "%E0%A4%A",
                        "2024-03-01T10:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                        "2024-13-45T99:99:99Z", "Release v12 created by user a@b.c", "Deploy ff987c7a by user a@b.c",
                        "app/api", "9".repeat(40))));
    }

    static Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, text().map(HostileRequestsIT::quote)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0")),
                Tuple.of(2, Arbitraries.of("true", "false", "null", "1e999", "-0", "123456789012345678901234567890",
                        "9".repeat(2000), "{}", "[]")));
    }

    static Arbitrary<String> json(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<String> array = Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(3)
                .map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(text(), Arbitraries.lazy(() -> json(depth - 1))).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(3).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(Tuple.of(6, scalar()), Tuple.of(1, array), Tuple.of(1, object));
    }

    /** A value for a known field: usually plausible, often hostile. */
    static Arbitrary<String> field(String... plausible) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(plausible).map(HostileRequestsIT::quote)), Tuple.of(2, json(2)));
    }

    static Arbitrary<String> object(Map<String, Arbitrary<String>> fields) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add(Arbitraries.frequencyOf(
                Tuple.of(5, value.map(v -> quote(name) + ":" + v)), Tuple.of(1, Arbitraries.just("")))));
        return Combinators.combine(parts).as(list -> "{" + String.join(",", list.stream().filter(p -> !p.isEmpty()).toList()) + "}");
    }

    /** A body shaped like the sender's, or anything else a client could send. */
    static Arbitrary<byte[]> body(Arbitrary<String> shaped) {
        return Arbitraries.frequencyOf(
                Tuple.of(12, shaped.map(HostileRequestsIT::utf8)),
                Tuple.of(2, json(3).map(HostileRequestsIT::utf8)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(200)),
                Tuple.of(1, Arbitraries.integers().between(1, 3000).map(n -> utf8("[".repeat(n) + "]".repeat(n)))),
                Tuple.of(1, shaped.map(s -> invalidUtf8(utf8(s)))),
                Tuple.of(1, Arbitraries.just(new byte[0])));
    }

    static Arbitrary<String> contentType(String right) {
        return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(right)),
                Tuple.of(1, Arbitraries.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "",
                        "application/json; charset=latin1", "application/x-www-form-urlencoded", "*/*", "application/json")));
    }

    // ---- the four senders --------------------------------------------------------------------------------------

    Arbitrary<Request> heroku() {
        Arbitrary<String> shaped = object(Map.of(
                "resource", field("release", "build", "dyno"),
                "action", field("update", "create"),
                "actor", object(Map.of("email", field("ops@acme.example"))),
                "webhook_metadata", object(Map.of("delivery", object(Map.of("id", field("01234567-89ab-cdef-0123-456789abcdef"))))),
                "data", object(Map.of(
                        "app", object(Map.of("name", field("acme-prod", "other-app"))),
                        "version", field("12", "v12"),
                        "status", field("succeeded", "failed", "pending"),
                        "current", Arbitraries.of("true", "false", "\"true\"", "null"),
                        "slug", object(Map.of("commit", field("ff987c7a"))),
                        "updated_at", field("2024-03-01T10:00:00Z")))));
        return Combinators.combine(body(shaped), Arbitraries.of(0, 1, 2), contentType("application/json")).as((body, auth, type) -> {
            String signature = switch (auth) {
                case 0 -> Signatures.heroku(HEROKU, body);
                case 1 -> Signatures.heroku("wrong", body);
                default -> "";
            };
            return new Request("POST", "/webhooks/heroku", header("Content-Type", type)
                    + header("Heroku-Webhook-Hmac-SHA256", signature), body, true);
        });
    }

    Arbitrary<Request> github() {
        Arbitrary<String> shaped = object(Map.of(
                "deployment_status", object(Map.of("state", field("success", "failure", "pending"),
                        "creator", object(Map.of("login", field("octocat"))), "created_at", field("2024-03-01T10:00:00Z"))),
                "deployment", object(Map.of("id", field("1234", "5678"), "sha", field("abc1234"), "environment", field("production"))),
                "repository", object(Map.of("full_name", field("Codertocat/Hello-World"))),
                "hook_id", field("1"),
                "zen", field("Keep it logically awesome.")));
        return Combinators.combine(body(shaped), Arbitraries.of(0, 1, 2), contentType("application/json"),
                Arbitraries.of("deployment_status", "ping", "push", "", "deployment_status\u00e9"),
                Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.strings().alpha().numeric().ofMaxLength(40)),
                        Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(180).ofMaxLength(300))))
                .as((body, auth, type, event, delivery) -> {
                    String signature = switch (auth) {
                        case 0 -> Signatures.github(GITHUB, body);
                        case 1 -> "sha256=" + "0".repeat(64);
                        default -> "";
                    };
                    return new Request("POST", "/webhooks/github", header("Content-Type", type)
                            + header("X-Hub-Signature-256", signature) + header("X-GitHub-Event", ascii(event))
                            + header("X-GitHub-Delivery", delivery), body, true);
                });
    }

    Arbitrary<Request> papertrail() {
        Arbitrary<String> event = object(Map.of(
                "id", field("9001"), "received_at", field("2024-03-01T10:00:00+00:00"), "source_name", field("acme-prod"),
                "program", field("app/api", "heroku/router"),
                "message", field("Release v12 created by user a@b.c", "Deploy ff987c7a by user a@b.c", "State changed")));
        Arbitrary<String> shaped = Combinators.combine(event.list().ofMaxSize(30), field("42"), field("1"), field("9"))
                .as((events, search, min, max) -> "{\"events\":[" + String.join(",", events) + "],\"saved_search\":{\"id\":"
                        + search + "},\"min_id\":" + min + ",\"max_id\":" + max + "}");
        Arbitrary<byte[]> form = Arbitraries.frequencyOf(
                Tuple.of(8, body(shaped).map(b -> utf8("payload=" + URLEncoder.encode(new String(b, StandardCharsets.UTF_8), StandardCharsets.UTF_8)))),
                Tuple.of(1, text().map(t -> utf8("payload=" + t))),
                Tuple.of(1, Arbitraries.of("payload=%", "payload=%zz", "payload=%E0%A4%A", "=&&=", "payload", "a=b&payload=%7B%7D")
                        .map(HostileRequestsIT::utf8)));
        Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("token=" + PAPERTRAIL)),
                Tuple.of(1, Arbitraries.just("token=wrong")), Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("token=%", "token=" + PAPERTRAIL + "&token=x", "token=%E0%A4%A", "token")));
        return Combinators.combine(form, token, contentType("application/x-www-form-urlencoded"))
                .as((body, query, type) -> new Request("POST", "/webhooks/papertrail" + (query.isEmpty() ? "" : "?" + query),
                        header("Content-Type", type), body, true));
    }

    Arbitrary<Request> generic() {
        Arbitrary<String> shaped = object(Map.of(
                "site", field("acme", "nowhere"), "release", field("v1", "v2"), "commit", field("abc1234"),
                "deployedAt", field("2024-03-01T10:00:00Z"), "actor", field("ci@acme.example")));
        Arbitrary<Long> skew = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs()), Tuple.of(1, Arbitraries.of(-400L, 400L, 86_400L)));
        return Combinators.combine(body(shaped), Arbitraries.of(0, 1, 2, 3), skew, contentType("application/json"))
                .as((body, auth, offset, type) -> {
                    long t = Instant.now().getEpochSecond() + offset;
                    String signature = switch (auth) {
                        case 0 -> Signatures.generic(Signatures.GENERIC_SECRET, t, body);
                        case 1 -> Signatures.generic("wrong", t, body);
                        case 2 -> "t=" + t;
                        default -> "v1=" + "0".repeat(64) + ",t=abc";
                    };
                    return new Request("POST", "/webhooks/generic", header("Content-Type", type)
                            + header("X-Freshguard-Signature", signature), body, true);
                });
    }

    Arbitrary<Request> audit() {
        Arbitrary<String> path = Arbitraries.of("/audit/deploys", "/audit/deploys/1", "/audit/deploys/-1",
                "/audit/deploys/99999999999999999999", "/audit/deploys/abc", "/audit/incidents", "/audit/log",
                "/audit/log/verify", "/audit/log/head", "/audit/assets/acme/embed/observations",
                "/audit/assets/%E0%A4%A/x/observations",
                // the gate waits as long as it is told (15 minutes by default): the fuzz tells it to be brief
                "/audit/deploys/1/wait?timeout=PT0.1S", "/audit/deploys/-1/wait?timeout=PT0.1S");
        Arbitrary<String> parameter = Combinators.combine(
                Arbitraries.of("site", "since", "until", "status", "limit", "after", "since-head", "timeout"),
                Arbitraries.frequencyOf(Tuple.of(3, text().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))),
                        Tuple.of(1, Arbitraries.of("%", "%zz", "-1", "0", "1000000", "2024-03-01T10:00:00Z", "PT1S",
                                "99999999999999999999", "1:" + "a".repeat(64) + ":"))))
                .as((k, v) -> k + "=" + v);
        return Combinators.combine(path, parameter.list().ofMaxSize(3), Arbitraries.of(0, 1, 2),
                Arbitraries.of("application/json", "text/csv", "*/*", "text/html", "application/xml"))
                .as((p, params, auth, accept) -> new Request("GET", p + (params.isEmpty() ? "" : (p.contains("?") ? "&" : "?")
                        + String.join("&", params)),
                        header("Accept", accept) + header("Authorization", switch (auth) {
                            case 0 -> "Bearer " + ServiceProcess.AUDIT_TOKEN;
                            case 1 -> "Bearer wrong";
                            default -> "";
                        }), new byte[0], false));
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    static String header(String name, String value) {
        return value == null || value.isEmpty() ? "" : name + ": " + value + "\r\n";
    }

    /** Header values stay on their line: a CR or LF would make a different request, not a hostile value. */
    static String ascii(String value) {
        return value.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The same bytes with a lead byte that nothing continues, in the middle. */
    static byte[] invalidUtf8(byte[] bytes) {
        if (bytes.length < 2) {
            return new byte[] {(byte) 0xC3, 0x28};
        }
        byte[] copy = bytes.clone();
        copy[copy.length / 2] = (byte) 0xC3;
        copy[copy.length / 2 + 1 < copy.length ? copy.length / 2 + 1 : copy.length / 2] = 0x28;
        return copy;
    }
}
