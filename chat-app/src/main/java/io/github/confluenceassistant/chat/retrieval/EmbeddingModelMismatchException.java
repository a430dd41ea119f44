package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import io.github.confluenceassistant.shared.embedding.EmbeddingProvider;

/**
 * The index was built by another embedding model than the one configured: its vectors cannot be compared with
 * the question's, so the app refuses to start rather than answer from nonsense matches.
 */
public class EmbeddingModelMismatchException extends IllegalStateException {

    public EmbeddingModelMismatchException(String collection, EmbeddingModelIdentity builtWith,
                                           EmbeddingModelIdentity configured) {
        super("The Confluence index (Chroma collection '" + collection + "') was built with the embedding model "
                + builtWith + ", but this app is configured for " + configured + ". Set " + settingsFor(builtWith)
                + " to read that index, or run the ingestion job with " + configured
                + " to build an index for it (the chat app only reads a READY collection of its own model).");
    }

    /** The properties (and environment variables) that select the given model. */
    static String settingsFor(EmbeddingModelIdentity model) {
        if (model.provider() == EmbeddingProvider.BGE_SMALL_IN_PROCESS) {
            return "assistant.embedding.provider=BGE_SMALL_IN_PROCESS (ASSISTANT_EMBEDDING_PROVIDER)";
        }
        return "assistant.embedding.provider=" + model.provider() + ", assistant.embedding.model-name="
                + model.modelName() + " and assistant.embedding.dimensions=" + model.dimension()
                + " (ASSISTANT_EMBEDDING_PROVIDER, ASSISTANT_EMBEDDING_MODEL_NAME, ASSISTANT_EMBEDDING_DIMENSIONS;"
                + " the endpoint and key in ASSISTANT_EMBEDDING_BASE_URL and ASSISTANT_EMBEDDING_API_KEY)";
    }
}
