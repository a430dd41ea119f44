package io.github.confluenceassistant.localstack.chroma;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Chroma server, started from the pinned npm package ({@code local-stack/chroma/package.json}) as one
 * child process: {@code chroma run --path DIR --port P}. Installs the package on first use. Stopped by its
 * process id (and its descendants) on {@link #close()}.
 */
public final class ChromaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChromaServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path dataDirectory;

    private ChromaServer(Process process, int port, Path dataDirectory) {
        this.process = process;
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param packageDirectory the directory with the package.json that pins chromadb (npm installs there)
     * @param dataDirectory    where Chroma keeps its data
     * @param port             0 picks a free port
     */
    public static ChromaServer start(Path packageDirectory, Path dataDirectory, int port) {
        Path executable = ChromaInstaller.ensureInstalled(packageDirectory);
        int chosenPort = port > 0 ? port : freePort();
        try {
            Files.createDirectories(dataDirectory);
            Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-chroma.log");
            Process process = new ProcessBuilder(List.of(executable.toString(), "run",
                    "--path", dataDirectory.toString(), "--host", "127.0.0.1", "--port", Integer.toString(chosenPort)))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            ChromaServer server = new ChromaServer(process, chosenPort, dataDirectory);
            server.awaitHeartbeat(logFile);
            log.info("Chroma running on {} (pid {}) with data in {}", server.url(), process.pid(), dataDirectory);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Chroma from " + executable, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHeartbeat(Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest heartbeat = HttpRequest.newBuilder(URI.create(url() + "/api/v2/heartbeat"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chroma exited with code " + process.exitValue() + " at start; see " + logFile);
            }
            try {
                if (http.send(heartbeat, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("Chroma did not answer /api/v2/heartbeat within " + START_TIMEOUT + "; see " + logFile);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s), including any child processes. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
