package io.github.confluenceassistant.shared.chroma;

import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;

/** Opens LangChain4j's Chroma store (API v2) on a named collection, the same way in both apps. */
public final class ChromaStores {

    private ChromaStores() {
    }

    public static ChromaEmbeddingStore open(ChromaProperties properties, String collectionName) {
        return ChromaEmbeddingStore.builder()
                .apiVersion(ChromaApiVersion.V2)
                .baseUrl(properties.url())
                .tenantName(properties.tenant())
                .databaseName(properties.database())
                .collectionName(collectionName)
                .timeout(properties.timeout())
                .build();
    }
}
