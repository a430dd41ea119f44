package io.github.confluenceassistant.bench.load;

import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.Database;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import org.springframework.web.reactive.function.client.WebClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The chat app's runnable jar as its own JVM on 127.0.0.1, as {@code ./run-local} starts it: extractive answers
 * (no chat model), the demo user, answering from the given database and collection prefix.
 */
public final class ChatAppServer implements AutoCloseable {

    public static final String USER = "demo";
    public static final String PASSWORD = "demo";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final int port;

    private ChatAppServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param overrides chat-app settings for this run (a bench command's {@code --set}) */
    public static ChatAppServer start(BenchEnvironment env, Database database, String collectionPrefix,
                                      Map<String, String> overrides) {
        int port = freePort();
        Map<String, String> properties = env.connectionProperties(database, collectionPrefix);
        properties.put("spring.r2dbc.url", database.r2dbcUrl());
        properties.put("spring.r2dbc.username", database.user());
        properties.put("spring.r2dbc.password", database.password());
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", Integer.toString(port));
        properties.put("assistant.chat-model.base-url", "");
        properties.putAll(overrides);
        Path log = env.workDirectory().resolve("chat-app.log");
        env.progress().say("Starting the chat app on port " + port + " (log " + log + ")…");
        Process process = JavaProcess.ofJar(env.jar("chat-app"), "-Xmx1g").start(properties, log);
        ChatAppServer server = new ChatAppServer(process, port);
        try {
            server.awaitHealthy(log);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Path log) {
        WebClient http = WebClient.create(baseUrl());
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The chat app exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().block(Duration.ofSeconds(5));
                return;
            } catch (RuntimeException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("The chat app was not healthy within " + START_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() {
        JavaProcess.stop(process, Duration.ofSeconds(20));
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the chat app", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
