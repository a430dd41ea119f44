package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryEmbeddingCacheTest {

    /** Each text's vector is its length; every text it is asked to embed is recorded. */
    private final List<String> embedded = new ArrayList<>();
    private final EmbeddingModel model = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            segments.forEach(s -> embedded.add(s.text()));
            return Response.from(segments.stream().map(s -> Embedding.from(new float[]{s.text().length()})).toList());
        }
    };

    @Test
    void aQueryAskedAgainIsNotEmbeddedAgain() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 10);

        Embedding first = cache.embed("how do I roll back?");
        Embedding again = cache.embed("how do I roll back?");

        assertThat(again.vector()).isEqualTo(first.vector());
        assertThat(embedded).containsExactly("how do I roll back?");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void theLeastRecentlyUsedQueryGoesFirst() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 2);
        cache.embed("a");
        cache.embed("bb");
        cache.embed("a"); // "bb" is now the least recently used
        cache.embed("ccc");

        cache.embed("a");
        cache.embed("bb");

        assertThat(embedded).containsExactly("a", "bb", "ccc", "bb");
    }

    @Test
    void capacityZeroEmbedsEveryTime() {
        QueryEmbeddingCache cache = new QueryEmbeddingCache(model, 0);
        cache.embed("a");
        cache.embed("a");

        assertThat(embedded).containsExactly("a", "a");
        assertThat(cache.hits()).isZero();
    }
}
