package io.github.confluenceassistant.localstack.chroma;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
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
            // Never the caller's stdin/stdout: npm (Node) makes an inherited stdin non-blocking, which breaks a
            // test JVM's channel to Maven Surefire; its output goes to a log shown when it fails.
            Path npmLog = Files.createTempFile("chroma-npm-install", ".log");
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"))
                    .directory(packageDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(npmLog.toFile())
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm install of Chroma failed in " + packageDirectory
                        + " (needs Node.js and npm on the PATH):\n" + Files.readString(npmLog));
            }
            log.info("Chroma installed: {}", Files.readString(npmLog).strip());
            Files.deleteIfExists(npmLog);
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
