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
 * Lists a Chroma collection's records (API v2 {@code get}) and adds copies of them, for the benchmarks: the
 * apps never list a collection.
 */
public final class ChromaRecords {

    private static final int PAGE = 500;

    private final ChromaProperties chroma;
    private final ChromaCollections collections;
    private final WebClient http;

    /** One record: its id, metadata, and when asked for, its vector. */
    public record ChromaRecord(String id, Map<String, Object> metadata, float[] embedding) {
    }

    public ChromaRecords(ChromaProperties chroma) {
        this.chroma = chroma;
        this.collections = new ChromaCollections(WebClient.builder(), chroma);
        this.http = WebClient.builder().baseUrl(chroma.url())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024 * 1024)).build();
    }

    public String collectionId(String collectionName) {
        return collections.find(collectionName)
                .orElseThrow(() -> new IllegalStateException("No Chroma collection " + collectionName))
                .id();
    }

    /** Every record of the collection, with metadata; with vectors when asked. */
    public List<ChromaRecord> list(String collectionName, boolean withVectors) {
        String id = collectionId(collectionName);
        List<String> include = withVectors ? List.of("metadatas", "embeddings") : List.of("metadatas");
        List<ChromaRecord> records = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = http.post().uri(collectionPath(id) + "/get")
                    .bodyValue(Map.of("limit", PAGE, "offset", offset, "include", include))
                    .retrieve().bodyToMono(JsonNode.class).block(chroma.timeout());
            JsonNode ids = page.path("ids");
            for (int i = 0; i < ids.size(); i++) {
                records.add(new ChromaRecord(ids.get(i).asString(), metadata(page.path("metadatas").path(i)),
                        withVectors ? vector(page.path("embeddings").path(i)) : null));
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
            collections.add(collectionId, batch.stream().map(ChromaRecord::id).toList(),
                    batch.stream().map(ChromaRecord::embedding).toList(),
                    batch.stream().map(ChromaRecord::metadata).toList());
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
