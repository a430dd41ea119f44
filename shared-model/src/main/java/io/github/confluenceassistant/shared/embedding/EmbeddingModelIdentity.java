package io.github.confluenceassistant.shared.embedding;

import java.util.Locale;
import java.util.Objects;

/**
 * Which model built a collection. Vectors of different models are not comparable, so the batch job stores
 * this with every collection and the chat app refuses to query a collection built by another model.
 */
public record EmbeddingModelIdentity(EmbeddingProvider provider, String modelName, int dimension) {

    public EmbeddingModelIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(modelName, "modelName");
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive, was " + dimension);
        }
    }

    /** Stable text form, stored in PostgreSQL and in the Chroma collection's metadata. */
    public String id() {
        return provider.name().toLowerCase(Locale.ROOT) + "/" + modelName + "/" + dimension;
    }

    public static EmbeddingModelIdentity parse(String id) {
        String[] parts = id.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not an embedding model id: " + id);
        }
        return new EmbeddingModelIdentity(
                EmbeddingProvider.valueOf(parts[0].toUpperCase(Locale.ROOT)), parts[1], Integer.parseInt(parts[2]));
    }

    @Override
    public String toString() {
        return modelName + " (" + provider.name().toLowerCase(Locale.ROOT) + ", " + dimension + " dimensions)";
    }
}
