package io.github.confluenceassistant.shared.chroma;

import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the two apps do with Chroma, on its API v2: creating a collection with the embedding model's
 * identity in its metadata and reading that identity back, adding and deleting records, the nearest records to
 * a vector, counting, and the server's batch limit.
 *
 * <p>A record is a snippet's id, vector and {@link io.github.confluenceassistant.shared.snippet.SnippetMetadata}:
 * no document. Texts live in PostgreSQL ({@code assistant.ingest_snippet}); Chroma is the vector index.
 */
public class ChromaCollections {

    private final WebClient http;
    private final ChromaProperties properties;
    private final Duration timeout;

    public ChromaCollections(WebClient.Builder builder, ChromaProperties properties) {
        this.http = builder.clone().baseUrl(properties.url()).build();
        this.properties = properties;
        this.timeout = properties.timeout();
    }

    /** A collection as Chroma describes it. */
    public record CollectionInfo(String id, String name, Map<String, Object> metadata) {
        public Optional<EmbeddingModelIdentity> model() {
            Object id = metadata == null ? null : metadata.get(CollectionNames.MODEL_METADATA_KEY);
            return id == null ? Optional.empty() : Optional.of(EmbeddingModelIdentity.parse(id.toString()));
        }
    }

    public boolean isReachable() {
        try {
            http.get().uri("/api/v2/heartbeat").retrieve().toBodilessEntity().block(timeout);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates the collection (cosine distance, as LangChain4j's store expects) unless it exists. */
    public CollectionInfo getOrCreate(String name, EmbeddingModelIdentity model) {
        ensureTenantAndDatabase();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("hnsw:space", "cosine");
        metadata.put(CollectionNames.MODEL_METADATA_KEY, model.id());
        CollectionInfo info = http.post().uri(collectionsPath())
                .bodyValue(Map.of("name", name, "metadata", metadata, "get_or_create", true))
                .retrieve().bodyToMono(CollectionInfo.class).block(timeout);
        EmbeddingModelIdentity stored = info.model().orElse(null);
        if (stored != null && !stored.equals(model)) {
            throw new IllegalStateException("Chroma collection '" + name + "' was built with " + stored
                    + ", not " + model + ": vectors of different models cannot be mixed");
        }
        return info;
    }

    public Optional<CollectionInfo> find(String name) {
        try {
            return Optional.ofNullable(http.get().uri(collectionsPath() + "/{name}", name)
                    .retrieve().bodyToMono(CollectionInfo.class).block(timeout));
        } catch (WebClientResponseException e) {
            if (isNotFound(e.getStatusCode(), e.getResponseBodyAsString())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public long count(String collectionId) {
        Long count = http.get().uri(collectionsPath() + "/{id}/count", collectionId)
                .retrieve().bodyToMono(Long.class).block(timeout);
        return count == null ? 0 : count;
    }

    public void delete(String name) {
        http.delete().uri(collectionsPath() + "/{name}", name).retrieve().toBodilessEntity().block(timeout);
    }

    /** One nearest record: its id and its cosine distance (1 - cosine similarity). */
    public record QueryMatch(String id, double distance) {
    }

    private record QueryResponse(List<List<String>> ids, List<List<Double>> distances) {
    }

    /**
     * The {@code n} records nearest to the vector, optionally filtered by metadata ({@code where}, Chroma's
     * syntax), nearest first. Asks for distances only: reading documents, metadata or the records' own
     * embeddings back would cost Chroma and the JSON parser more than the search itself.
     */
    public List<QueryMatch> query(String collectionId, float[] vector, int n, Map<String, Object> where) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query_embeddings", List.of(vector));
        body.put("n_results", n);
        if (where != null && !where.isEmpty()) {
            body.put("where", where);
        }
        body.put("include", List.of("distances"));
        QueryResponse response = http.post().uri(collectionsPath() + "/{id}/query", collectionId).bodyValue(body)
                .retrieve().bodyToMono(QueryResponse.class).block(timeout);
        if (response == null || response.ids() == null || response.ids().isEmpty()) {
            return List.of();
        }
        List<String> ids = response.ids().getFirst();
        List<Double> distances = response.distances().getFirst();
        List<QueryMatch> matches = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            matches.add(new QueryMatch(ids.get(i), distances.get(i)));
        }
        return matches;
    }

    /**
     * Adds records (at most {@link #maxBatchSize()} at a time). {@code add} does not replace a record whose id
     * is already there, so writers delete a page's records before adding its new ones.
     */
    public void add(String collectionId, List<String> ids, List<float[]> vectors, List<Map<String, Object>> metadatas) {
        if (ids.size() != vectors.size() || ids.size() != metadatas.size()) {
            throw new IllegalArgumentException(ids.size() + " ids, " + vectors.size() + " vectors and "
                    + metadatas.size() + " metadata maps");
        }
        if (ids.isEmpty()) {
            return;
        }
        http.post().uri(collectionsPath() + "/{id}/add", collectionId)
                .bodyValue(Map.of("ids", ids, "embeddings", vectors, "metadatas", metadatas))
                .retrieve().toBodilessEntity().block(timeout);
    }

    /** Deletes the records whose metadata matches {@code where} (Chroma's syntax, not empty). */
    public void deleteRecords(String collectionId, Map<String, Object> where) {
        if (where.isEmpty()) {
            throw new IllegalArgumentException("An empty filter would delete every record");
        }
        http.post().uri(collectionsPath() + "/{id}/delete", collectionId).bodyValue(Map.of("where", where))
                .retrieve().toBodilessEntity().block(timeout);
    }

    /** How many records one add or delete may carry. */
    public int maxBatchSize() {
        Map<?, ?> checks = http.get().uri("/api/v2/pre-flight-checks").retrieve().bodyToMono(Map.class).block(timeout);
        Object max = checks == null ? null : checks.get("max_batch_size");
        return max instanceof Number n ? n.intValue() : 1000;
    }

    private void ensureTenantAndDatabase() {
        if (!exists("/api/v2/tenants/{tenant}", properties.tenant())) {
            http.post().uri("/api/v2/tenants").bodyValue(Map.of("name", properties.tenant()))
                    .retrieve().toBodilessEntity().block(timeout);
        }
        if (!exists("/api/v2/tenants/{tenant}/databases/{database}", properties.tenant(), properties.database())) {
            http.post().uri("/api/v2/tenants/{tenant}/databases", properties.tenant())
                    .bodyValue(Map.of("name", properties.database())).retrieve().toBodilessEntity().block(timeout);
        }
    }

    private boolean exists(String uri, Object... variables) {
        try {
            http.get().uri(uri, variables).retrieve().toBodilessEntity().block(timeout);
            return true;
        } catch (WebClientResponseException e) {
            if (isNotFound(e.getStatusCode(), e.getResponseBodyAsString())) {
                return false;
            }
            throw e;
        }
    }

    /** Chroma answers a missing collection with 404, some versions with 400 "does not exist". */
    private static boolean isNotFound(HttpStatusCode status, String body) {
        return status.value() == 404 || (status.value() == 400 && body != null && body.contains("does not exist"))
                || (status.value() == 500 && body != null && body.contains("does not exist"));
    }

    private String collectionsPath() {
        return "/api/v2/tenants/" + properties.tenant() + "/databases/" + properties.database() + "/collections";
    }
}
