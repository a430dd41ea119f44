package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Finds the passages for a question in the spaces in scope: vector search in Chroma and keyword search in
 * PostgreSQL (in parallel), fused by reciprocal rank, optionally lifted by recency, capped per page, neighbours
 * joined, then judged against the relevance floor.
 */
public class SnippetRetriever {

    private final ReadyCollectionLocator collections;
    private final QueryEmbeddingCache queryEmbeddings;
    private final VectorSearch vectorSearch;
    private final KeywordSearch keywordSearch;
    private final RetrievalProperties properties;
    private final RelevanceFloor floor;
    private final PassageAssembler assembler;
    private final Clock clock;

    public SnippetRetriever(ReadyCollectionLocator collections, EmbeddingModel embeddingModel, VectorSearch vectorSearch,
                            KeywordSearch keywordSearch, RetrievalProperties properties, Clock clock) {
        this.collections = collections;
        this.queryEmbeddings = new QueryEmbeddingCache(embeddingModel, properties.queryEmbeddingCacheSize());
        this.vectorSearch = vectorSearch;
        this.keywordSearch = keywordSearch;
        this.properties = properties;
        this.floor = new RelevanceFloor(properties.minSimilarity(), properties.minKeywordMatch());
        this.assembler = new PassageAssembler(properties.topK(), properties.maxSnippetsPerPage());
        this.clock = clock;
    }

    /** With the configured mode. */
    public Mono<Retrieval> retrieve(String query, SpaceScope scope) {
        return retrieve(query, scope, properties.mode());
    }

    public Mono<Retrieval> retrieve(String query, SpaceScope scope, RetrievalMode mode) {
        return Mono.fromCallable(collections::current)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(collection -> collection
                        .map(c -> search(c, query, scope, mode))
                        .orElseGet(() -> Mono.just(Retrieval.indexEmpty(query, mode))));
    }

    private Mono<Retrieval> search(ReadyCollection collection, String query, SpaceScope scope, RetrievalMode mode) {
        int candidates = properties.candidates();
        Mono<List<ScoredSnippet>> vector = mode == RetrievalMode.KEYWORD ? Mono.just(List.of())
                : Mono.fromCallable(() -> vectorSearch.nearest(collection, embed(query), scope, candidates))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(nearest -> vectorSearch.snippets(collection, nearest));
        Mono<List<ScoredSnippet>> keyword = mode == RetrievalMode.VECTOR ? Mono.just(List.of())
                : keywordSearch.search(collection.name(), query, scope, candidates).collectList();
        return Mono.zip(vector, keyword).map(found -> judge(query, mode, found.getT1(), found.getT2()));
    }

    private Retrieval judge(String query, RetrievalMode mode, List<ScoredSnippet> vector, List<ScoredSnippet> keyword) {
        List<ScoredSnippet> ranked = ReciprocalRankFusion.fuse(List.of(vector, keyword), properties.rrfK());
        if (properties.recencyBoost()) {
            ranked = new RecencyBoost(properties.recencyWeight(), properties.recencyHalfLife()).apply(ranked, clock.instant());
        }
        List<Passage> passages = assembler.assemble(ranked);
        OptionalDouble bestSimilarity = best(vector);
        OptionalDouble bestKeywordMatch = best(keyword);
        Retrieval.Outcome outcome = !passages.isEmpty() && floor.passes(mode, bestSimilarity, bestKeywordMatch)
                ? Retrieval.Outcome.FOUND : Retrieval.Outcome.NOT_FOUND;
        return new Retrieval(query, outcome, mode, passages, bestSimilarity, bestKeywordMatch);
    }

    private Embedding embed(String query) {
        return queryEmbeddings.embed(query);
    }

    private static OptionalDouble best(List<ScoredSnippet> ranking) {
        return ranking.stream().mapToDouble(ScoredSnippet::score).max();
    }

    /** The query vectors remembered, with their hits and misses (for metrics). */
    public QueryEmbeddingCache queryEmbeddings() {
        return queryEmbeddings;
    }

    /** The collection questions are answered from, if the ingestion job has built it. */
    public Optional<ReadyCollection> collection() {
        return collections.current();
    }
}
