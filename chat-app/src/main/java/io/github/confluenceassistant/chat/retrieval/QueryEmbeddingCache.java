package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.concurrent.atomic.LongAdder;

/**
 * The vectors of the most recent distinct queries. Employees ask the same questions again ("how do I request
 * leave?"), and embedding a query is the biggest share of a retrieval's CPU; a vector depends only on the text and
 * the model, so a remembered one is exactly what the model would compute. Least recently used queries go first;
 * 10,000 vectors of 384 floats take about 16 MB. Capacity 0 turns it off.
 */
public class QueryEmbeddingCache {

    private final EmbeddingModel model;
    private final int capacity;
    private final RecentlyUsed<String, Embedding> recent;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public QueryEmbeddingCache(EmbeddingModel model, int capacity) {
        this.model = model;
        this.capacity = capacity;
        this.recent = new RecentlyUsed<>(capacity);
    }

    public Embedding embed(String query) {
        if (capacity == 0) {
            return model.embed(query).content();
        }
        Embedding known = recent.get(query);
        if (known != null) {
            hits.increment();
            return known;
        }
        misses.increment();
        Embedding computed = model.embed(query).content(); // outside the lock: two first askers may both compute it
        recent.put(query, computed);
        return computed;
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
