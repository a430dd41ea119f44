package io.github.confluenceassistant.bench;

import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a Chroma collection's records directly (API v2 {@code get} and {@code add}), for what LangChain4j's
 * store does not offer: listing every record, and copying records with their vectors.
 */
public final class ChromaRecords {

    private static final int PAGE = 500;

    private final ChromaProperties chroma;
    private final WebClient http;

    /** One record: its id, metadata, and when asked for, its vector and text. */
    public record ChromaRecord(String id, Map<String, Object> metadata, float[] embedding, String document) {
    }

    public ChromaRecords(ChromaProperties chroma) {
        this.chroma = chroma;
        this.http = WebClient.builder().baseUrl(chroma.url())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024 * 1024)).build();
    }

    public String collectionId(String collectionName) {
        return new ChromaCollections(WebClient.builder(), chroma).find(collectionName)
                .orElseThrow(() -> new IllegalStateException("No Chroma collection " + collectionName))
                .id();
    }

    /** Every record of the collection, with metadata; with vectors and texts when asked. */
    public List<ChromaRecord> list(String collectionName, boolean withVectors) {
        String id = collectionId(collectionName);
        List<String> include = withVectors ? List.of("metadatas", "embeddings", "documents") : List.of("metadatas");
        List<ChromaRecord> records = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = http.post().uri(collectionPath(id) + "/get")
                    .bodyValue(Map.of("limit", PAGE, "offset", offset, "include", include))
                    .retrieve().bodyToMono(JsonNode.class).block(chroma.timeout());
            JsonNode ids = page.path("ids");
            for (int i = 0; i < ids.size(); i++) {
                records.add(new ChromaRecord(ids.get(i).asString(), metadata(page.path("metadatas").path(i)),
                        withVectors ? vector(page.path("embeddings").path(i)) : null,
                        withVectors ? page.path("documents").path(i).asString(null) : null));
            }
            if (ids.size() < PAGE) {
                return records;
            }
        }
    }

    /** Adds records with their vectors, in batches the server accepts. */
    public void add(String collectionId, List<ChromaRecord> records, int batchSize) {
        for (int from = 0; from < records.size(); from += batchSize) {
            List<ChromaRecord> batch = records.subList(from, Math.min(records.size(), from + batchSize));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ids", batch.stream().map(ChromaRecord::id).toList());
            body.put("embeddings", batch.stream().map(ChromaRecord::embedding).toList());
            body.put("metadatas", batch.stream().map(ChromaRecord::metadata).toList());
            body.put("documents", batch.stream().map(ChromaRecord::document).toList());
            http.post().uri(collectionPath(collectionId) + "/add").bodyValue(body)
                    .retrieve().toBodilessEntity().block(chroma.timeout());
        }
    }

    private String collectionPath(String collectionId) {
        return "/api/v2/tenants/" + chroma.tenant() + "/databases/" + chroma.database() + "/collections/" + collectionId;
    }

    private static Map<String, Object> metadata(JsonNode node) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            JsonNode value = field.getValue();
            metadata.put(field.getKey(), value.isNumber() ? value.numberValue()
                    : value.isBoolean() ? (Object) value.booleanValue() : value.asString());
        });
        return metadata;
    }

    private static float[] vector(JsonNode node) {
        float[] vector = new float[node.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = node.get(i).floatValue();
        }
        return vector;
    }
}
