package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;

import java.util.List;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/** Nearest snippets in Chroma, restricted to the spaces in scope by a metadata filter inside Chroma's query. */
public class VectorSearch {

    /**
     * @return snippets by descending cosine similarity (LangChain4j's relevance score (cos + 1) / 2, turned
     *         back into the cosine, which is what the relevance floor is calibrated on)
     */
    public List<ScoredSnippet> search(ReadyCollection collection, Embedding question, SpaceScope scope, int maxResults) {
        if (scope.isEmpty()) {
            return List.of();
        }
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(question)
                .maxResults(maxResults)
                .filter(spaceFilter(scope))
                .build();
        return collection.store().search(request).matches().stream()
                .map(VectorSearch::toScoredSnippet)
                .toList();
    }

    private static Filter spaceFilter(SpaceScope scope) {
        return scope.allSpaces() ? null : metadataKey(SnippetMetadata.SPACE_KEY).isIn(scope.spaceKeys());
    }

    private static ScoredSnippet toScoredSnippet(EmbeddingMatch<TextSegment> match) {
        double cosine = 2 * match.score() - 1;
        return new ScoredSnippet(Snippet.fromTextSegment(match.embeddingId(), match.embedded()), cosine);
    }
}
