package io.github.confluenceassistant.localstack;

import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.chroma.ChromaServer;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local}: the whole product on this machine, on embedded defaults. Starts PostgreSQL and Chroma
 * with their data under the data directory, the Airbyte stand-in serving the demo space, runs the ingestion job
 * once (as its own JVM, through the stand-in's real API), then the chat app, and stays up until Ctrl-C, when it
 * stops everything it started, last started first.
 */
public final class LocalStackLauncher {

    static final String DATABASE = "assistant";
    static final String DEMO_USER = "demo";

    private final LocalStackOptions options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private LocalStackLauncher(LocalStackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalStackOptions.USAGE);
            return;
        }
        quietLibraries();
        new LocalStackLauncher(options).run();
    }

    /** The launcher speaks for itself; PostgreSQL's and the stand-in's chatter goes to WARN. */
    private static void quietLibraries() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private void run() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAll();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            startAll();
        } catch (RuntimeException e) {
            say("Could not start the local stack: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void startAll() {
        Path data = options.dataDirectory();
        Path logs = data.resolve("logs");
        say("Data directory: " + data);

        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), 0);
        started.push(postgres);
        postgres.createDatabase(DATABASE);
        say("PostgreSQL:     " + postgres.jdbcUrl(DATABASE));

        ChromaServer chroma = ChromaServer.start(options.projectRoot().resolve("local-stack/chroma"), data.resolve("chroma"), 0);
        started.push(chroma);
        say("Chroma:         " + chroma.url());

        ConfluenceDataset dataset = options.dataset() == null ? ConfluenceDataset.demoSpace()
                : ConfluenceDataset.load(options.dataset());
        AirbyteStandIn airbyte = AirbyteStandIn.builder(postgres.dataSource(DATABASE))
                .dataset(dataset).layout(options.layout()).bodyMode(options.bodies()).build().start();
        started.push(airbyte);
        say("Airbyte stand-in: " + airbyte.publicApiUrl() + " (" + dataset + ")");

        Map<String, String> connection = JavaProcess.connectionProperties(postgres.jdbcUrl(DATABASE),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, chroma.url(), "confluence");
        runIngestion(connection, airbyte, logs);
        startChatApp(connection, postgres, logs);
    }

    private void runIngestion(Map<String, String> connection, AirbyteStandIn airbyte, Path logs) {
        Map<String, String> properties = new HashMap<>(connection);
        properties.put("assistant.airbyte.url", airbyte.publicApiUrl());
        properties.put("assistant.airbyte.client-id", airbyte.clientId());
        properties.put("assistant.airbyte.client-secret", airbyte.clientSecret());
        properties.put("assistant.airbyte.connection-id", airbyte.connectionId());
        properties.put("assistant.airbyte.poll-interval", "500ms");
        Path log = logs.resolve("batch-job.log");
        say("Running the ingestion job (log: " + log + ")…");
        Instant start = Instant.now();
        int exit = JavaProcess.ofJar(jar("batch-job"), "-Xmx1g").run(properties, log, Duration.ofMinutes(60));
        if (exit != 0) {
            throw new IllegalStateException("the ingestion job failed (exit " + exit + "); see " + log);
        }
        say("Ingestion done in " + Duration.between(start, Instant.now()).toSeconds() + " s");
    }

    private void startChatApp(Map<String, String> connection, EmbeddedPostgresServer postgres, Path logs) {
        Map<String, String> properties = new HashMap<>(connection);
        properties.put("spring.r2dbc.url", postgres.r2dbcUrl(DATABASE));
        properties.put("spring.r2dbc.username", EmbeddedPostgresServer.USER);
        properties.put("spring.r2dbc.password", EmbeddedPostgresServer.PASSWORD);
        properties.put("server.port", Integer.toString(options.chatPort()));
        Path log = logs.resolve("chat-app.log");
        Process chat = JavaProcess.ofJar(jar("chat-app"), "-Xmx1g").start(properties, log);
        started.push(() -> JavaProcess.stop(chat, Duration.ofSeconds(20)));
        say("Starting the chat app (log: " + log + ")…");
        String url = "http://localhost:" + options.chatPort() + "/";
        awaitHttp(url + "login", chat, log);
        say("");
        say("  Confluence knowledge assistant is up.");
        say("  Chat UI:    " + url);
        say("  Login:      " + DEMO_USER + " / " + DEMO_USER + "   (admin: also sees the dashboard)");
        say("  JSON API:   curl -u demo:demo -H 'Content-Type: application/json' -d '{\"question\":\"How do I roll back a deployment?\"}' "
                + url + "api/ask");
        say("  Ctrl-C stops everything.");
    }

    private Path jar(String module) {
        return options.projectRoot().resolve(module + "/target/" + module + "-exec.jar");
    }

    private static void awaitHttp(String url, Process process, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the chat app exited with code " + process.exitValue() + "; see " + log);
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the chat app did not answer on " + url + " within 3 minutes; see " + log);
    }

    private synchronized void stopAll() {
        if (!started.isEmpty()) {
            say("Stopping…");
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                say("  (while stopping: " + e.getMessage() + ")");
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
