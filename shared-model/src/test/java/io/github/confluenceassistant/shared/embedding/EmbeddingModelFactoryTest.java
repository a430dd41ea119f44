package io.github.confluenceassistant.shared.embedding;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingModelFactoryTest {

    private static final EmbeddingProperties BGE = new EmbeddingProperties(EmbeddingProvider.BGE_SMALL_IN_PROCESS,
            "text-embedding-3-small", "https://api.openai.com/v1", null, 0, 0, 1, 64, Duration.ofSeconds(60));

    /** DJL reads the tokenizer from a file; the file goes as soon as it is read, so no JVM leaves one behind. */
    @Test
    void theBgeTokenCounterWorksWithoutLeavingItsFileBehind() throws IOException {
        Instant start = Instant.now().minusSeconds(1);

        ConfiguredEmbeddingModel model = EmbeddingModelFactory.create(BGE);

        assertThat(model.tokenCounter().estimateTokenCountInText("Rotate the database credentials")).isEqualTo(4);
        assertThat(model.maxInputTokens()).isEqualTo(510);
        assertThat(tokenizerFilesSince(start)).isEmpty();
    }

    private static List<Path> tokenizerFilesSince(Instant start) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("bge-tokenizer-"))
                    .filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).compareTo(FileTime.from(start)) >= 0;
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .toList();
        }
    }
}
