package io.github.confluenceassistant.localstack.chroma;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Installs the pinned chromadb npm package into its directory when it is not there yet. */
final class ChromaInstaller {

    private static final Logger log = LoggerFactory.getLogger(ChromaInstaller.class);

    private ChromaInstaller() {
    }

    static synchronized Path ensureInstalled(Path packageDirectory) {
        Path executable = packageDirectory.resolve("node_modules/.bin/chroma");
        if (Files.isExecutable(executable)) {
            return executable;
        }
        if (!Files.isRegularFile(packageDirectory.resolve("package.json"))) {
            throw new IllegalStateException("No package.json for Chroma in " + packageDirectory.toAbsolutePath());
        }
        log.info("Installing Chroma (npm package chromadb) into {}", packageDirectory);
        try {
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"))
                    .directory(packageDirectory.toFile())
                    .inheritIO()
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm install of Chroma failed in " + packageDirectory
                        + "; run it there by hand to see why (needs Node.js and npm on the PATH)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run npm to install Chroma: is Node.js with npm on the PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing Chroma", e);
        }
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("npm install finished but " + executable + " is missing");
        }
        return executable;
    }
}
