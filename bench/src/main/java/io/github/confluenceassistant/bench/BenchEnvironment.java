package io.github.confluenceassistant.bench;

import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.chroma.ChromaServer;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelFactory;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import io.github.confluenceassistant.shared.embedding.EmbeddingProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What every benchmark stands on, set up as {@code ./run-local} does it: PostgreSQL (embedded, or the one at
 * {@code --postgres-url}), Chroma (a local server, or the one at {@code --chroma-url}), the Airbyte stand-in
 * serving a dataset, and the product's runnable jars. Each benchmark gets its own databases and collection
 * prefixes, so runs never see each other's data. Closing stops what was started, last started first.
 */
public final class BenchEnvironment implements AutoCloseable {

    /** The embedding model both the job and the chat app use by default, and so the one the bench measures. */
    public static final EmbeddingProperties EMBEDDING = new EmbeddingProperties(EmbeddingProvider.BGE_SMALL_IN_PROCESS,
            "text-embedding-3-small", "https://api.openai.com/v1", null, 0, 0, 4, 64, Duration.ofSeconds(60));

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMddHHmmss");

    private final Progress progress;
    private final Path projectRoot;
    private final Path workDirectory;
    private final boolean keepWorkDirectory;
    private final String runStamp = LocalDateTime.now().format(STAMP);
    private final AtomicInteger names = new AtomicInteger();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final String postgresUrl;
    private final String postgresUser;
    private final String postgresPassword;
    private EmbeddedPostgresServer embeddedPostgres;
    private String chromaUrl;
    private boolean succeeded;

    private BenchEnvironment(BenchOptions options, Progress progress, Path workDirectory) {
        this.progress = progress;
        this.projectRoot = ProjectRoot.find(options.string("project-root").orElse(null));
        this.workDirectory = workDirectory;
        this.keepWorkDirectory = options.flag("keep");
        this.postgresUrl = options.string("postgres-url").orElse(null);
        this.postgresUser = options.string("postgres-user").orElse(EmbeddedPostgresServer.USER);
        this.postgresPassword = options.string("postgres-password").orElse(EmbeddedPostgresServer.PASSWORD);
        this.chromaUrl = options.string("chroma-url").map(url -> url.replaceAll("/+$", "")).orElse(null);
    }

    /** Starts PostgreSQL and Chroma unless their URLs are given. */
    public static BenchEnvironment start(BenchOptions options, Progress progress) {
        Path work;
        try {
            work = Files.createTempDirectory("assistant-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a work directory", e);
        }
        BenchEnvironment environment = new BenchEnvironment(options, progress, work);
        try {
            environment.startServers();
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
        return environment;
    }

    private void startServers() {
        progress.say("Work directory: " + workDirectory + " (project root " + projectRoot + ")");
        if (postgresUrl == null) {
            embeddedPostgres = EmbeddedPostgresServer.startTemporary();
            started.push(embeddedPostgres);
            progress.say("PostgreSQL (embedded) on port " + embeddedPostgres.port());
        } else {
            progress.say("PostgreSQL at " + postgresUrl);
        }
        if (chromaUrl == null) {
            ChromaServer chroma = ChromaServer.start(projectRoot.resolve("local-stack/chroma"),
                    workDirectory.resolve("chroma"), 0);
            started.push(chroma);
            chromaUrl = chroma.url();
            progress.say("Chroma (local) on " + chromaUrl);
        } else {
            progress.say("Chroma at " + chromaUrl);
        }
    }

    public Progress progress() {
        return progress;
    }

    public Path projectRoot() {
        return projectRoot;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public String chromaUrl() {
        return chromaUrl;
    }

    public ChromaProperties chroma(String collectionPrefix) {
        return new ChromaProperties(chromaUrl, "default_tenant", "default_database", collectionPrefix,
                Duration.ofSeconds(120));
    }

    /** A new, empty database for one purpose of this run, e.g. {@code bench_ingest_1124093012_1}. */
    public Database newDatabase(String purpose) {
        String name = uniqueName(purpose).replace('-', '_');
        if (embeddedPostgres != null) {
            embeddedPostgres.createDatabase(name);
            return new Database(name, embeddedPostgres.jdbcUrl(name), postgresUser, postgresPassword);
        }
        Database server = new Database("", postgresUrl, postgresUser, postgresPassword);
        try (Connection c = server.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " at " + postgresUrl
                    + " (the bench creates its own databases: the user needs CREATEDB)", e);
        }
        return new Database(name, withDatabase(postgresUrl, name), postgresUser, postgresPassword);
    }

    /** A collection prefix of its own, e.g. {@code bench-ingest-1124093012-2}. */
    public String newCollectionPrefix(String purpose) {
        return uniqueName(purpose).replace('_', '-');
    }

    private String uniqueName(String purpose) {
        return "bench_" + purpose + "_" + runStamp + "_" + names.incrementAndGet();
    }

    /** The collection the job writes for this prefix with the default embedding model. */
    public static String collectionName(String collectionPrefix) {
        return CollectionNames.forModel(collectionPrefix, embeddingModel());
    }

    public static EmbeddingModelIdentity embeddingModel() {
        return EmbeddingModelFactory.identityOf(EMBEDDING);
    }

    /** Starts the Airbyte stand-in writing the dataset into this database on every sync. */
    public AirbyteStandIn startAirbyte(Database database, ConfluenceDataset dataset, AirbyteLayout layout, BodyMode bodies) {
        AirbyteStandIn airbyte = AirbyteStandIn.builder(database.dataSource())
                .dataset(dataset).layout(layout).bodyMode(bodies).build().start();
        started.push(airbyte);
        return airbyte;
    }

    /** The Spring properties that point the job (and the chat app) at this database, Chroma and prefix. */
    public Map<String, String> connectionProperties(Database database, String collectionPrefix) {
        return new HashMap<>(JavaProcess.connectionProperties(database.jdbcUrl(), database.user(), database.password(),
                chromaUrl, collectionPrefix));
    }

    /** The job's properties for syncing through the stand-in's public API, as the local mode sets them. */
    public static Map<String, String> airbyteProperties(AirbyteStandIn airbyte) {
        Map<String, String> properties = new HashMap<>();
        properties.put("assistant.airbyte.url", airbyte.publicApiUrl());
        properties.put("assistant.airbyte.client-id", airbyte.clientId());
        properties.put("assistant.airbyte.client-secret", airbyte.clientSecret());
        properties.put("assistant.airbyte.connection-id", airbyte.connectionId());
        properties.put("assistant.airbyte.poll-interval", "200ms");
        return properties;
    }

    /** A runnable jar of the product, e.g. {@code batch-job/target/batch-job-exec.jar}. */
    public Path jar(String module) {
        Path jar = projectRoot.resolve(module + "/target/" + module + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        return jar;
    }

    /** Stops this with the others, last started first. */
    public <T extends AutoCloseable> T closeLater(T resource) {
        started.push(resource);
        return resource;
    }

    /** The work directory is deleted on close only after a successful run (and without --keep). */
    public void succeeded() {
        succeeded = true;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                progress.say("(while stopping: " + e.getMessage() + ")");
            }
        }
        if (succeeded && !keepWorkDirectory) {
            deleteRecursively(workDirectory);
        } else {
            progress.say("Logs kept in " + workDirectory);
        }
    }

    static String withDatabase(String jdbcUrl, String database) {
        String withoutPrefix = jdbcUrl.substring("jdbc:".length());
        URI uri = URI.create(withoutPrefix);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the machine cleans it up eventually
        }
    }
}
