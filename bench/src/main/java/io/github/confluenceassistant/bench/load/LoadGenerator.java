package io.github.confluenceassistant.bench.load;

import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.netty.channel.ChannelOption;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
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
 */
public final class LoadGenerator {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final WebClient http;
    private final ConnectionProvider connections;
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
        // one connection per user, so no request waits for a connection on this side
        this.connections = ConnectionProvider.builder("bench-load").maxConnections(users)
                .pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(connections).responseTimeout(REQUEST_TIMEOUT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
        this.http = WebClient.builder().baseUrl(baseUrl)
                .clientConnector(new ReactorClientHttpConnector(client))
                .defaultHeaders(headers -> headers.setBasicAuth(user, password))
                .build();
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
        JsonNode answer = http.post().uri("/api/ask").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .retrieve().bodyToMono(JsonNode.class).block(REQUEST_TIMEOUT.plusSeconds(5));
        if (answer == null || !answer.has("answered")) {
            throw new IllegalStateException("not an answer: " + answer);
        }
    }

    private static String kind(RuntimeException e) {
        if (e instanceof org.springframework.web.reactive.function.client.WebClientResponseException response) {
            return "HTTP " + response.getStatusCode().value();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    public void close() {
        connections.dispose();
    }
}
