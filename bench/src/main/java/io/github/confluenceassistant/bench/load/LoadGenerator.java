package io.github.confluenceassistant.bench.load;

import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop users on {@code POST /api/ask}: each user asks a question, waits for the answer, asks the next
 * (the dataset's questions in turn, each user starting elsewhere in the list), until the time is up or the
 * request budget is spent. Bounded in time and count; meant for 127.0.0.1 only.
 *
 * <p>The JDK's HTTP client, a blocking send per user on a virtual thread: the generator shares the machine's
 * cores with the server it measures, so it should cost as little CPU per request as it can (Reactor Netty's
 * WebClient took about 3 ms of CPU per request here, as much as PostgreSQL).
 */
public final class LoadGenerator {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final ExecutorService clientThreads;
    private final URI ask;
    private final String authorization;
    private final JsonMapper json = JsonMapper.shared();
    private final List<DatasetQuestion> questions;

    /**
     * @param latenciesMillis of the successful requests
     * @param errorKinds      errors by HTTP status or exception type
     */
    public record Result(long requests, long errors, List<Double> latenciesMillis, Duration elapsed,
                         Map<String, Long> errorKinds) {
    }

    public LoadGenerator(String baseUrl, String user, String password, List<DatasetQuestion> questions, int users) {
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("Load is sent to 127.0.0.1 only, not " + baseUrl);
        }
        // HTTP/1.1 keeps one connection per user in flight, so no request waits for a connection on this side
        this.clientThreads = Executors.newVirtualThreadPerTaskExecutor();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
        this.ask = URI.create(baseUrl + "/api/ask");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.questions = List.copyOf(questions);
    }

    /** Asks a few questions one after another, unmeasured, so the server's first answers do not count. */
    public void warmUp(int requests) {
        for (int i = 0; i < requests; i++) {
            ask(questions.get(i % questions.size()));
        }
    }

    public Result run(int users, Duration duration, long maxRequests) throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService userThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int user = 0; user < users; user++) {
                int offset = (int) ((long) user * questions.size() / users);
                userThreads.submit(() -> {
                    for (int i = offset; System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests; i++) {
                        DatasetQuestion question = questions.get(i % questions.size());
                        long sent = System.nanoTime();
                        try {
                            ask(question);
                            latencies.add((System.nanoTime() - sent) / 1e6);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            errorKinds.merge(kind(e), 1L, Long::sum);
                        }
                    }
                });
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long requests = latencies.size() + errors.get();
        return new Result(requests, errors.get(), new ArrayList<>(latencies), elapsed, Map.copyOf(errorKinds));
    }

    private void ask(DatasetQuestion question) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question.question());
        if (question.isConversation()) {
            body.put("conversation", question.conversation().stream()
                    .map(turn -> Map.of("speaker", turn.speaker(), "text", turn.text())).toList());
        }
        HttpRequest request = HttpRequest.newBuilder(ask).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking", e);
        }
        if (response.statusCode() != 200) {
            throw new HttpStatusException(response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        if (answer == null || !answer.has("answered")) {
            throw new IllegalStateException("not an answer: " + answer);
        }
    }

    private static String kind(RuntimeException e) {
        if (e instanceof HttpStatusException status) {
            return "HTTP " + status.status;
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** An answer other than 200 OK. */
    private static final class HttpStatusException extends RuntimeException {
        private final int status;

        HttpStatusException(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    public void close() {
        http.close();
        clientThreads.close();
    }
}
