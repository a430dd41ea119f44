package io.github.confluenceassistant.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are: the k8s module (surefire's working directory) and the project root above it. */
final class ProjectLayout {

    private ProjectLayout() {
    }

    static Path k8sModule() {
        Path basedir = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        if (!Files.isDirectory(basedir.resolve("base")) || !Files.isDirectory(basedir.resolve("overlays"))) {
            throw new IllegalStateException("Expected the k8s module (with base/ and overlays/) at " + basedir);
        }
        return basedir;
    }

    static Path projectRoot() {
        return k8sModule().getParent();
    }
}
