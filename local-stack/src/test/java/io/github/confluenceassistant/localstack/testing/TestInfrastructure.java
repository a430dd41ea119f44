package io.github.confluenceassistant.localstack.testing;

import io.github.confluenceassistant.localstack.chroma.ChromaServer;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real PostgreSQL and Chroma servers of one test run (one per test JVM), started on first use and stopped
 * when the JVM exits, like Testcontainers' singleton containers. Tests keep out of each other's way by taking
 * their own database ({@link #newDatabase}) and their own collection prefix ({@link #uniqueName}).
 */
public final class TestInfrastructure {

    private static volatile TestInfrastructure shared;

    private final EmbeddedPostgresServer postgres;
    private final ChromaServer chroma;
    private final Path workDirectory;
    private final AtomicInteger names = new AtomicInteger();

    private TestInfrastructure(EmbeddedPostgresServer postgres, ChromaServer chroma, Path workDirectory) {
        this.postgres = postgres;
        this.chroma = chroma;
        this.workDirectory = workDirectory;
    }

    public static TestInfrastructure shared() {
        if (shared == null) {
            synchronized (TestInfrastructure.class) {
                if (shared == null) {
                    shared = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-infrastructure-stop"));
                }
            }
        }
        return shared;
    }

    private static TestInfrastructure start() {
        try {
            Path work = Files.createTempDirectory("assistant-test-");
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startTemporary();
            ChromaServer chroma = ChromaServer.start(projectRoot().resolve("local-stack/chroma"), work.resolve("chroma"), 0);
            return new TestInfrastructure(postgres, chroma, work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout's root: Maven passes it as {@code project.root}; from an IDE, the working directory's parent. */
    public static Path projectRoot() {
        String configured = System.getProperty("project.root");
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("local-stack")) ? here : here.getParent();
    }

    /** The shared datasets (../shared/datasets beside the checkout). */
    public static Path dataset(String name) {
        String shared = System.getProperty("shared.dir");
        Path root = shared != null ? Path.of(shared) : projectRoot().resolve("../shared");
        Path dir = root.resolve("datasets").resolve(name).normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Dataset " + name + " not found at " + dir
                    + ": the shared datasets must sit beside the checkout (../shared)");
        }
        return dir;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public ChromaServer chroma() {
        return chroma;
    }

    /** A fresh database for one test class or scenario. */
    public String newDatabase(String prefix) {
        return postgres.createDatabase(uniqueName(prefix).replace('-', '_'));
    }

    /** A name no other test of this run uses: for databases, collection prefixes, directories. */
    public String uniqueName(String prefix) {
        return prefix.toLowerCase() + "_" + ProcessHandle.current().pid() + "_" + names.incrementAndGet();
    }

    public Path workDirectory() {
        return workDirectory;
    }

    private void stop() {
        chroma.close();
        postgres.close();
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files go with the machine
        }
    }
}
