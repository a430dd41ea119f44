package io.github.confluenceassistant.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout is: the bench starts the product's jars and the pinned Chroma package from it. */
final class ProjectRoot {

    private ProjectRoot() {
    }

    /** {@code --project-root}, else the system property {@code project.root}, else from the jar, else upwards from here. */
    static Path find(String configured) {
        if (configured != null) {
            return check(Path.of(configured).toAbsolutePath().normalize());
        }
        String property = System.getProperty("project.root");
        if (property != null) {
            return check(Path.of(property).toAbsolutePath().normalize());
        }
        Path fromJar = fromCodeLocation();
        if (fromJar != null) {
            return fromJar;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalArgumentException("Cannot find the project root (the directory with batch-job/ and local-stack/): "
                + "run from the checkout or give --project-root");
    }

    /** bench/target/bench.jar (java -jar puts it alone on the class path) or bench/target/classes: two levels up. */
    private static Path fromCodeLocation() {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (Path dir = Path.of(entry).toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                if (isRoot(dir)) {
                    return dir;
                }
            }
        }
        return null;
    }

    private static boolean isRoot(Path dir) {
        return Files.isDirectory(dir.resolve("batch-job")) && Files.isDirectory(dir.resolve("local-stack/chroma"));
    }

    private static Path check(Path root) {
        if (!isRoot(root)) {
            throw new IllegalArgumentException(root + " is not the project root (no batch-job/ and local-stack/chroma/)");
        }
        return root;
    }
}
