package io.github.confluenceassistant.shared.embedding;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The embedding model, configured the same way in both apps ({@code assistant.embedding.*}).
 *
 * @param provider         in-process BGE-small (default) or an OpenAI-compatible endpoint
 * @param modelName        OpenAI model, e.g. text-embedding-3-small; ignored for the in-process model
 * @param baseUrl          OpenAI-compatible base URL (ends before /embeddings)
 * @param apiKey           from the environment or a Secret; never logged
 * @param dimensions       requested dimension for text-embedding-3-*; 0 keeps the model's own
 * @param threads          in-process inference threads (0 = one per core)
 * @param maxParallelRequests concurrent requests to a remote endpoint
 * @param requestBatchSize texts per remote request
 */
@ConfigurationProperties("assistant.embedding")
public record EmbeddingProperties(
        @NotNull @DefaultValue("BGE_SMALL_IN_PROCESS") EmbeddingProvider provider,
        @DefaultValue("text-embedding-3-small") String modelName,
        @DefaultValue("https://api.openai.com/v1") String baseUrl,
        String apiKey,
        @Min(0) @DefaultValue("0") int dimensions,
        @Min(0) @DefaultValue("0") int threads,
        @Min(1) @DefaultValue("4") int maxParallelRequests,
        @Min(1) @DefaultValue("64") int requestBatchSize,
        @DefaultValue("60s") Duration timeout) {

    /** In-process inference threads: {@code threads}, or one per core when 0. */
    public int inferenceThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String toString() { // keeps the key out of logs and error messages
        return "EmbeddingProperties[provider=" + provider + ", modelName=" + modelName + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "<none>" : "<set>") + ", dimensions=" + dimensions
                + ", threads=" + threads + ", maxParallelRequests=" + maxParallelRequests
                + ", requestBatchSize=" + requestBatchSize + ", timeout=" + timeout + "]";
    }
}
