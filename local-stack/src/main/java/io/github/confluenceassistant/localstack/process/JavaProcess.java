package io.github.confluenceassistant.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the product's programs (the batch job, the chat app) run as its own JVM, as in production, with
 * Spring properties passed as {@code --name=value} arguments. Output goes to a log file.
 */
public final class JavaProcess {

    private final List<String> launch;

    private JavaProcess(List<String> launch) {
        this.launch = List.copyOf(launch);
    }

    /** {@code java -jar jar}, with the JVM that runs this code. */
    public static JavaProcess ofJar(Path jar, String... jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        List<String> command = new ArrayList<>(List.of(currentJava()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        return new JavaProcess(command);
    }

    /** {@code java -cp classpath mainClass}, e.g. with a test's own classpath. */
    public static JavaProcess ofClasspath(String classpath, String mainClass, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(currentJava()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpath, mainClass));
        return new JavaProcess(command);
    }

    public Process start(Map<String, String> properties, Path logFile) {
        List<String> command = new ArrayList<>(launch);
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + launch, e);
        }
    }

    /** Runs to the end and returns the exit code; kills the process when it overruns the timeout. */
    public int run(Map<String, String> properties, Path logFile, Duration timeout) {
        Process process = start(properties, logFile);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Still running after " + timeout + "; see " + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Stops a process and its children, gently first. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Spring properties that point a program at this machine's local servers. */
    public static Map<String, String> connectionProperties(String jdbcUrl, String user, String password, String chromaUrl,
                                                           String collectionPrefix) {
        return Map.of(
                "spring.datasource.url", jdbcUrl,
                "spring.datasource.username", user,
                "spring.datasource.password", password,
                "assistant.chroma.url", chromaUrl,
                "assistant.chroma.collection-prefix", collectionPrefix);
    }
}
