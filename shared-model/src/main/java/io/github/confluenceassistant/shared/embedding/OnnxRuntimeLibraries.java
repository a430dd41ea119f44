package io.github.confluenceassistant.shared.embedding;

import ai.onnxruntime.OrtEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * ONNX Runtime's native libraries, unpacked once per version into a directory ONNX Runtime is pointed at (its
 * {@code onnxruntime.native.path} property), instead of once per JVM.
 *
 * <p>Why: ONNX Runtime 1.20 unpacks its two libraries (16 MB) into a new {@code onnxruntime-java*} temporary
 * directory in every JVM and deletes them only when the JVM exits normally (and the directory not at all: it is
 * marked for deletion before its files are). Every JVM killed with SIGKILL (the restart tests and benchmarks, a
 * Job past its deadline) left 16 MB in {@code /tmp}, every other one an empty directory: 400 directories and
 * 1.6 GB on this machine. With the shared copy ONNX Runtime's own directory stays empty. A shared copy is
 * written to a temporary file and moved into place, so JVMs starting together do not see a half-written library. Nothing changes when the property is already set, or for platforms whose
 * libraries the jar does not carry, or when the directory cannot be written (ONNX Runtime then does what it
 * always did).
 */
final class OnnxRuntimeLibraries {

    static final String PATH_PROPERTY = "onnxruntime.native.path";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private OnnxRuntimeLibraries() {
    }

    /** Points ONNX Runtime at the shared copy under {@code java.io.tmpdir}, unless something already chose a path. */
    static void useSharedCopy() {
        if (System.getProperty(PATH_PROPERTY) == null) {
            sharedCopy(Path.of(System.getProperty("java.io.tmpdir")))
                    .ifPresent(directory -> System.setProperty(PATH_PROPERTY, directory.toString()));
        }
    }

    /** @return the directory holding both libraries under {@code parent}, unpacked now if missing */
    static Optional<Path> sharedCopy(Path parent) {
        String folder = "ai/onnxruntime/native/" + platform() + "/";
        ClassLoader loader = OrtEnvironment.class.getClassLoader();
        try {
            byte[] jni = read(loader, folder + System.mapLibraryName("onnxruntime4j_jni"));
            if (jni == null) {
                return Optional.empty();
            }
            CRC32 crc = new CRC32();
            crc.update(jni);
            // per user: the files are private to whoever unpacked them
            Path directory = parent.resolve("confluence-assistant-onnxruntime-" + System.getProperty("user.name", "user")
                    + "-" + Long.toHexString(crc.getValue()));
            Files.createDirectories(directory);
            for (String library : LIBRARIES) {
                String name = System.mapLibraryName(library);
                Path target = directory.resolve(name);
                if (!Files.exists(target)) {
                    byte[] bytes = read(loader, folder + name);
                    if (bytes == null) {
                        return Optional.empty();
                    }
                    Path partial = Files.createTempFile(directory, name, ".partial");
                    Files.write(partial, bytes);
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return Optional.of(directory);
        } catch (IOException e) {
            return Optional.empty(); // ONNX Runtime unpacks them itself, as it always did
        }
    }

    private static byte[] read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** ONNX Runtime's name for this platform's folder in its jar, e.g. {@code linux-x64}. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") || os.contains("darwin") ? "osx" : os.contains("win") ? "win" : "linux";
        String archName = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        return osName + "-" + archName;
    }
}
