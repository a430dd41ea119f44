package io.github.confluenceassistant.chat.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the job program as a child process of the chat app, pointed at the app's own database and Chroma: the
 * settings go as {@code --name=value} arguments, the database password as an environment variable (so that it is
 * not in the process list).
 */
public class LocalProcessRunLauncher implements RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(LocalProcessRunLauncher.class);

    private final List<String> command;
    private final Map<String, String> arguments;
    private final String databasePassword;
    private final Path logFile;
    private volatile Process running;

    /**
     * @param command   the program, split on white space ({@code java -jar batch-job/target/batch-job-exec.jar})
     * @param arguments Spring properties for the job (datasource URL and user, Chroma URL and prefix, model)
     */
    public LocalProcessRunLauncher(String command, Map<String, String> arguments, String databasePassword, Path logFile) {
        this.command = Arrays.asList(command.strip().split("\\s+"));
        this.arguments = Map.copyOf(arguments);
        this.databasePassword = databasePassword;
        this.logFile = logFile;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String description() {
        return "Runs " + String.join(" ", command) + " on this server (output: " + logFile + ")";
    }

    @Override
    public Optional<String> activeRun() {
        Process process = running;
        return process != null && process.isAlive()
                ? Optional.of("the job process " + process.pid() + " started from this dashboard is still running")
                : Optional.empty();
    }

    @Override
    public synchronized String launch() {
        activeRun().ifPresent(active -> {
            throw new RunRefusedException("Not started: " + active);
        });
        List<String> line = new ArrayList<>(command);
        arguments.forEach((name, value) -> line.add("--" + name + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (databasePassword != null) {
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", databasePassword);
        }
        try {
            Path parent = logFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            running = builder.start();
        } catch (IOException e) {
            throw new RunRefusedException("Could not start " + String.join(" ", command) + ": " + e.getMessage());
        }
        log.info("Started the ingestion job as process {} ({}), output in {}", running.pid(), command, logFile);
        return "Started the job program (process " + running.pid() + "); its output goes to " + logFile;
    }

    /** The started process, for tests and shutdown. */
    Optional<Process> process() {
        return Optional.ofNullable(running);
    }
}
