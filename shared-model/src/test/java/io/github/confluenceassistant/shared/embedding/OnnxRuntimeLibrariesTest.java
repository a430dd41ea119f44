package io.github.confluenceassistant.shared.embedding;

import ai.onnxruntime.OrtEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OnnxRuntimeLibrariesTest {

    @Test
    void bothLibrariesAreUnpackedOnceAndReusedByLaterJvms(@TempDir Path tmp) throws IOException {
        Path directory = OnnxRuntimeLibraries.sharedCopy(tmp).orElseThrow();

        assertThat(directory.getParent()).isEqualTo(tmp);
        for (String library : new String[]{"onnxruntime", "onnxruntime4j_jni"}) {
            String name = System.mapLibraryName(library);
            assertThat(Files.readAllBytes(directory.resolve(name))).as(name).isEqualTo(resource(name));
        }
        Path jni = directory.resolve(System.mapLibraryName("onnxruntime4j_jni"));
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(jni, old);

        assertThat(OnnxRuntimeLibraries.sharedCopy(tmp)).contains(directory);
        assertThat(Files.getLastModifiedTime(jni)).as("not written again").isEqualTo(old);
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).as("no partial files left").hasSize(2);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OrtEnvironment.class.getClassLoader()
                .getResourceAsStream("ai/onnxruntime/native/linux-x64/" + name)) {
            return in.readAllBytes();
        }
    }
}
