package io.github.confluenceassistant.shared.embedding;

import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one place that builds the embedding model, for the batch job (documents) and the chat app (queries).
 * Both must build the same model from the same properties, or the vectors would not be comparable.
 */
public final class EmbeddingModelFactory {

    public static final String BGE_MODEL_NAME = "bge-small-en-v1.5-q";
    static final int BGE_DIMENSION = 384;
    /** BERT's 512 positions minus [CLS] and [SEP]. */
    static final int BGE_MAX_TOKENS = 510;

    private static final Map<String, Integer> OPENAI_DIMENSIONS = Map.of(
            "text-embedding-3-small", 1536,
            "text-embedding-3-large", 3072,
            "text-embedding-ada-002", 1536);
    private static final int OPENAI_MAX_TOKENS = 8191;

    private EmbeddingModelFactory() {
    }

    public static ConfiguredEmbeddingModel create(EmbeddingProperties properties) {
        return switch (properties.provider()) {
            case BGE_SMALL_IN_PROCESS -> bgeSmall(properties);
            case OPENAI -> openAi(properties);
        };
    }

    /** The identity the given properties lead to, without loading the model. */
    public static EmbeddingModelIdentity identityOf(EmbeddingProperties properties) {
        return switch (properties.provider()) {
            case BGE_SMALL_IN_PROCESS ->
                    new EmbeddingModelIdentity(EmbeddingProvider.BGE_SMALL_IN_PROCESS, BGE_MODEL_NAME, BGE_DIMENSION);
            case OPENAI -> new EmbeddingModelIdentity(EmbeddingProvider.OPENAI, properties.modelName(),
                    openAiDimension(properties));
        };
    }

    private static ConfiguredEmbeddingModel bgeSmall(EmbeddingProperties properties) {
        int threads = properties.inferenceThreads();
        ExecutorService executor = Executors.newFixedThreadPool(threads, Thread.ofPlatform()
                .name("embed-", 0).daemon(true).factory());
        return new ConfiguredEmbeddingModel(
                new SingleThreadedBgeSmall(executor),
                identityOf(properties),
                bgeTokenCounter(),
                BGE_MAX_TOKENS);
    }

    private static ConfiguredEmbeddingModel openAi(EmbeddingProperties properties) {
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            throw new IllegalStateException("assistant.embedding.provider=OPENAI needs an API key: set ASSISTANT_EMBEDDING_API_KEY "
                    + "(any non-empty value for endpoints that do not check keys)");
        }
        OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder = OpenAiEmbeddingModel.builder()
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey())
                .modelName(properties.modelName())
                .maxSegmentsPerBatch(properties.requestBatchSize())
                .timeout(properties.timeout())
                // a 429 with Retry-After waits exactly that long in the HTTP client; other failures are retried with
                // backoff by the caller (the job's SnippetEmbedder)
                .httpClientBuilder(new RetryAfterHttpClient.Builder(8))
                .maxRetries(0);
        if (properties.dimensions() > 0) {
            builder.dimensions(properties.dimensions());
        }
        return new ConfiguredEmbeddingModel(
                builder.build(),
                identityOf(properties),
                new OpenAiTokenCountEstimator(OPENAI_DIMENSIONS.containsKey(properties.modelName())
                        ? properties.modelName() : "text-embedding-3-small"),
                OPENAI_MAX_TOKENS);
    }

    private static int openAiDimension(EmbeddingProperties properties) {
        if (properties.dimensions() > 0) {
            return properties.dimensions();
        }
        Integer known = OPENAI_DIMENSIONS.get(properties.modelName());
        if (known == null) {
            throw new IllegalStateException("Unknown dimension of embedding model '" + properties.modelName()
                    + "': set assistant.embedding.dimensions (ASSISTANT_EMBEDDING_DIMENSIONS)");
        }
        return known;
    }

    /**
     * The tokenizer ships inside the model's jar; DJL reads it from a file, once, when the tokenizer is built. The
     * file is deleted right after, so a JVM killed later leaves nothing behind.
     */
    private static HuggingFaceTokenCountEstimator bgeTokenCounter() {
        try (InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader()
                .getResourceAsStream(SingleThreadedBgeSmall.TOKENIZER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SingleThreadedBgeSmall.TOKENIZER_RESOURCE + " is missing from the classpath");
            }
            Path file = Files.createTempFile("bge-tokenizer-", ".json");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return new HuggingFaceTokenCountEstimator(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the BGE tokenizer", e);
        }
    }
}
