package io.github.confluenceassistant.shared.chroma;

import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;

import java.util.Locale;

/** Names the Chroma collection for a model: both apps derive it the same way from the same inputs. */
public final class CollectionNames {

    /** Chroma collection metadata key holding {@link EmbeddingModelIdentity#id()}. */
    public static final String MODEL_METADATA_KEY = "embedding_model";

    private CollectionNames() {
    }

    /** e.g. {@code confluence-bge-small-en-v1.5-q-384}; Chroma allows [a-zA-Z0-9._-], 3 to 512 characters. */
    public static String forModel(String prefix, EmbeddingModelIdentity identity) {
        String model = identity.modelName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return prefix + "-" + model + "-" + identity.dimension();
    }
}
