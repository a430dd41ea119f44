package io.github.confluenceassistant.batch.job;

import org.springframework.web.reactive.function.client.WebClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lists every record id of a Chroma collection (API v2 get, paged): what tests compare with the state table. */
final class ChromaIdLister {

    private ChromaIdLister() {
    }

    @SuppressWarnings("unchecked")
    static List<String> allIds(String chromaUrl, String collectionId) {
        WebClient http = WebClient.builder().baseUrl(chromaUrl)
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)).build();
        List<String> ids = new ArrayList<>();
        int page = 1000;
        for (int offset = 0; ; offset += page) {
            Map<String, Object> result = http.post()
                    .uri("/api/v2/tenants/default_tenant/databases/default_database/collections/{id}/get", collectionId)
                    .bodyValue(Map.of("limit", page, "offset", offset, "include", List.of()))
                    .retrieve().bodyToMono(Map.class).block();
            List<String> batch = (List<String>) result.get("ids");
            ids.addAll(batch);
            if (batch.size() < page) {
                return ids;
            }
        }
    }
}
