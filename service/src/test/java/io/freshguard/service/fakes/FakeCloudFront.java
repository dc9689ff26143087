package io.freshguard.service.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CloudFront's invalidation API (2020-05-31, REST-XML) on loopback: CreateInvalidation, GetInvalidation and
 * ListInvalidations with CloudFront's XML bodies and {@code ErrorResponse} errors, CallerReference idempotency,
 * the in-progress limits, and the failures tests ask for. Credentials are checked by the access key id in the
 * SigV4 {@code Authorization} header, so "rotated credentials" is just a different accepted key.
 */
public final class FakeCloudFront {

    public static final String ACCESS_KEY = "AKIDFRESHGUARDTEST";
    public static final String SECRET_KEY = "fake-secret-for-tests-only";
    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern PATH = Pattern.compile("<Path>(.*?)</Path>");
    private static final Pattern CALLER = Pattern.compile("<CallerReference>(.*?)</CallerReference>");
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");
    private static final Pattern ROUTE = Pattern.compile("^/2020-05-31/distribution/([^/]+)/invalidation(?:/([^/?]+))?$");

    /** A scripted failure: HTTP status and CloudFront error code. */
    /** A scripted create that CloudFront performs but whose answer never arrives (the connection just closes). */
    public static final Failure LOSE_ANSWER = new Failure(0, "LostAnswer", "created, then the connection was lost");

    public record Failure(int status, String code, String message) {
    }

    /** One invalidation as CloudFront keeps it. */
    public static final class Invalidation {
        public final String id = "I" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase();
        public final String distributionId;
        public final String callerReference;
        public final List<String> paths;
        public final Instant createTime = Instant.now();
        volatile boolean completed;
        volatile int gets;

        Invalidation(String distributionId, String callerReference, List<String> paths) {
            this.distributionId = distributionId;
            this.callerReference = callerReference;
            this.paths = paths;
        }

        public boolean completed() {
            return completed;
        }
    }

    /** Every CreateInvalidation request that reached the fake, whatever it answered. */
    public record CreateCall(String distributionId, String callerReference, List<String> paths, int status, String code, Instant at) {
    }

    private HttpServer server;
    private final Map<String, Invalidation> byCallerReference = new ConcurrentHashMap<>();
    private final Map<String, Invalidation> byId = new ConcurrentHashMap<>();
    private final List<CreateCall> creates = new CopyOnWriteArrayList<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final Deque<Failure> createFailures = new ArrayDeque<>();
    private final Set<String> missingDistributions = ConcurrentHashMap.newKeySet();
    private volatile String acceptedAccessKey = ACCESS_KEY;
    private volatile Failure refuseEverything;
    private volatile Duration createResponseDelay = Duration.ZERO;
    private volatile Duration answerDelay = Duration.ZERO;
    /** GetInvalidation calls after which an invalidation reports Completed (unless held). */
    private static final int COMPLETE_AFTER_GETS = 1;
    private volatile boolean holdInProgress;
    private volatile Consumer<String> onCompletedPath = path -> { };

    public synchronized int start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Back to a healthy CloudFront; invalidations already made stay, as they would at CloudFront. */
    public synchronized void reset() {
        createFailures.clear();
        missingDistributions.clear();
        acceptedAccessKey = ACCESS_KEY;
        refuseEverything = null;
        createResponseDelay = Duration.ZERO;
        answerDelay = Duration.ZERO;
        holdInProgress = false;
    }

    /** Credentials were rotated: only this access key id is valid from now on. */
    public void acceptOnlyAccessKey(String accessKey) {
        acceptedAccessKey = accessKey;
    }

    public void refuseEverything(Failure failure) {
        refuseEverything = failure;
    }

    public void heal() {
        refuseEverything = null;
        acceptedAccessKey = ACCESS_KEY;
        missingDistributions.clear();
    }

    public synchronized void failNextCreates(Failure... failures) {
        createFailures.addAll(List.of(failures));
    }

    public void distributionMissing(String distributionId) {
        missingDistributions.add(distributionId);
    }

    /** Creates the invalidation at once but answers late: the caller may die before it hears the answer. */
    public void delayCreateResponses(Duration delay) {
        createResponseDelay = delay;
    }

    /** Every call is answered only after {@code delay}: a CloudFront that is slow today, whatever the call. */
    public void answerSlowly(Duration delay) {
        answerDelay = delay;
    }

    /** Keep invalidations InProgress until {@link #completeAll()}. */
    public void holdInProgress(boolean hold) {
        holdInProgress = hold;
    }

    /** Completes the invalidations in progress on one distribution (the others stay as they are). */
    public void complete(String distributionId) {
        byId.values().stream().filter(i -> i.distributionId.equals(distributionId)).forEach(this::complete);
    }

    public void completeAll() {
        byId.values().forEach(this::complete);
    }

    /** Completes every invalidation in progress created at least {@code age} ago (CloudFront takes its time). */
    public void completeOlderThan(Duration age) {
        Instant before = Instant.now().minus(age);
        byId.values().stream().filter(i -> !i.completed() && i.createTime.isBefore(before)).forEach(this::complete);
    }

    /** Called with every path of an invalidation when it completes (the CDN purges it). */
    public void onCompleted(Consumer<String> listener) {
        onCompletedPath = listener;
    }

    private void complete(Invalidation invalidation) {
        if (!invalidation.completed) {
            invalidation.paths.forEach(onCompletedPath);
            invalidation.completed = true;
        }
    }

    public List<CreateCall> creates() {
        return List.copyOf(creates);
    }

    public List<CreateCall> createsFor(String distributionId) {
        return creates.stream().filter(c -> c.distributionId().equals(distributionId)).toList();
    }

    public List<Invalidation> invalidations(String distributionId) {
        return byId.values().stream().filter(i -> i.distributionId.equals(distributionId))
                .sorted(Comparator.comparing(i -> i.createTime)).toList();
    }

    public List<Invalidation> invalidations() {
        return List.copyOf(byId.values());
    }

    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            requestLog.add(method + " " + path);
            if (!answerDelay.isZero()) {
                sleep(answerDelay);
            }
            Matcher route = ROUTE.matcher(path);
            if (!route.matches()) {
                error(exchange, 404, "InvalidURI", "Could not parse the specified URI.");
                return;
            }
            String distributionId = route.group(1);
            String invalidationId = route.group(2);
            Failure refusal = authorise(exchange, distributionId);
            if (method.equals("POST") && invalidationId == null) {
                create(exchange, distributionId, new String(body, StandardCharsets.UTF_8), refusal);
            } else if (refusal != null) {
                error(exchange, refusal.status(), refusal.code(), refusal.message());
            } else if (method.equals("GET") && invalidationId != null) {
                get(exchange, distributionId, invalidationId);
            } else if (method.equals("GET")) {
                list(exchange, distributionId);
            } else {
                error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
            }
        }
    }

    private Failure authorise(HttpExchange exchange, String distributionId) {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Matcher credential = CREDENTIAL.matcher(authorization);
        if (!authorization.startsWith("AWS4-HMAC-SHA256") || !credential.find()) {
            return new Failure(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        if (!credential.group(1).equals(acceptedAccessKey)) {
            return new Failure(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (refuseEverything != null) {
            return refuseEverything;
        }
        if (missingDistributions.contains(distributionId)) {
            return new Failure(404, "NoSuchDistribution", "The specified distribution does not exist.");
        }
        return null;
    }

    private void create(HttpExchange exchange, String distributionId, String xml, Failure refusal) throws IOException {
        String callerReference = first(CALLER, xml);
        List<String> paths = new ArrayList<>();
        Matcher m = PATH.matcher(xml);
        while (m.find()) {
            paths.add(m.group(1));
        }
        Failure failure = refusal != null ? refusal : nextScriptedFailure();
        boolean loseAnswer = failure == LOSE_ANSWER;
        if (loseAnswer) {
            failure = null;
        }
        if (failure == null && (callerReference == null || paths.isEmpty())) {
            failure = new Failure(400, "MissingBody", "This operation requires a body.");
        }
        if (failure != null) {
            creates.add(new CreateCall(distributionId, callerReference, paths, failure.status(), failure.code(), Instant.now()));
            error(exchange, failure.status(), failure.code(), failure.message());
            return;
        }
        Invalidation invalidation;
        synchronized (this) {
            invalidation = byCallerReference.get(callerReference);
            if (invalidation != null && !invalidation.paths.equals(paths)) {
                creates.add(new CreateCall(distributionId, callerReference, paths, 409, "InvalidationBatchAlreadyExists", Instant.now()));
                error(exchange, 409, "InvalidationBatchAlreadyExists", "The CallerReference was already used with a different batch.");
                return;
            }
            if (invalidation == null) {
                Failure limit = checkLimits(distributionId, paths);
                if (limit != null) {
                    creates.add(new CreateCall(distributionId, callerReference, paths, limit.status(), limit.code(), Instant.now()));
                    error(exchange, limit.status(), limit.code(), limit.message());
                    return;
                }
                invalidation = new Invalidation(distributionId, callerReference, paths);
                byCallerReference.put(callerReference, invalidation);
                byId.put(invalidation.id, invalidation);
            }
        }
        if (loseAnswer) {
            creates.add(new CreateCall(distributionId, callerReference, paths, 0, LOSE_ANSWER.code(), Instant.now()));
            // closing the exchange without a response drops the connection: the caller cannot know it was created
            return;
        }
        creates.add(new CreateCall(distributionId, callerReference, paths, 201, null, Instant.now()));
        if (!createResponseDelay.isZero()) {
            sleep(createResponseDelay);
        }
        exchange.getResponseHeaders().add("Location",
                "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + distributionId + "/invalidation/" + invalidation.id);
        send(exchange, 201, invalidationXml(invalidation));
    }

    private Failure checkLimits(String distributionId, List<String> paths) {
        long wildcards = paths.stream().filter(p -> p.endsWith("*")).count();
        long files = paths.size() - wildcards;
        for (Invalidation i : byId.values()) {
            if (i.distributionId.equals(distributionId) && !i.completed) {
                long w = i.paths.stream().filter(p -> p.endsWith("*")).count();
                wildcards += w;
                files += i.paths.size() - w;
            }
        }
        if (wildcards > 15) {
            return new Failure(400, "TooManyInvalidationsInProgress",
                    "Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.");
        }
        if (files > 3000) {
            return new Failure(400, "TooManyInvalidationsInProgress",
                    "Processing your request will cause you to exceed the maximum number of in-progress invalidations.");
        }
        return null;
    }

    private synchronized Failure nextScriptedFailure() {
        return createFailures.pollFirst();
    }

    private void get(HttpExchange exchange, String distributionId, String id) throws IOException {
        Invalidation invalidation = byId.get(id);
        if (invalidation == null || !invalidation.distributionId.equals(distributionId)) {
            error(exchange, 404, "NoSuchInvalidation", "The specified invalidation does not exist.");
            return;
        }
        invalidation.gets++;
        if (!holdInProgress && invalidation.gets >= COMPLETE_AFTER_GETS) {
            complete(invalidation);
        }
        send(exchange, 200, invalidationXml(invalidation));
    }

    private void list(HttpExchange exchange, String distributionId) throws IOException {
        List<Invalidation> items = invalidations(distributionId);
        String summaries = items.stream().map(i -> "<InvalidationSummary><Id>" + i.id + "</Id><CreateTime>" + i.createTime
                + "</CreateTime><Status>" + status(i) + "</Status></InvalidationSummary>").collect(Collectors.joining());
        send(exchange, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><InvalidationList xmlns=\"" + NS + "\"><Marker></Marker>"
                + "<MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>" + items.size() + "</Quantity>"
                + (items.isEmpty() ? "" : "<Items>" + summaries + "</Items>") + "</InvalidationList>");
    }

    private static String status(Invalidation i) {
        return i.completed ? "Completed" : "InProgress";
    }

    private static String invalidationXml(Invalidation i) {
        String paths = i.paths.stream().map(p -> "<Path>" + p + "</Path>").collect(Collectors.joining());
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invalidation xmlns=\"" + NS + "\"><Id>" + i.id + "</Id><Status>"
                + status(i) + "</Status><CreateTime>" + i.createTime + "</CreateTime><InvalidationBatch><Paths><Quantity>"
                + i.paths.size() + "</Quantity><Items>" + paths + "</Items></Paths><CallerReference>" + i.callerReference
                + "</CallerReference></InvalidationBatch></Invalidation>";
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String type = status >= 500 ? "Receiver" : "Sender";
        send(exchange, status, "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + NS + "\"><Error><Type>" + type + "</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
