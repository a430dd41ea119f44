package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaCollections.QueryMatch;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;

import java.util.List;
import java.util.Map;

/**
 * Nearest snippets in Chroma, restricted to the spaces in scope by a metadata filter inside Chroma's query.
 * Queries Chroma's v2 API directly, without the matches' own embeddings (see {@link ChromaCollections#query}).
 */
public class VectorSearch {

    private final ChromaCollections chroma;

    public VectorSearch(ChromaCollections chroma) {
        this.chroma = chroma;
    }

    /** @return snippets by descending cosine similarity (1 - Chroma's cosine distance; the relevance floor's scale) */
    public List<ScoredSnippet> search(ReadyCollection collection, Embedding question, SpaceScope scope, int maxResults) {
        if (scope.isEmpty()) {
            return List.of();
        }
        Map<String, Object> where = scope.allSpaces() ? Map.of()
                : Map.of(SnippetMetadata.SPACE_KEY, Map.of("$in", List.copyOf(scope.spaceKeys())));
        return chroma.query(collection.id(), question.vector(), maxResults, where).stream()
                .map(VectorSearch::toScoredSnippet)
                .toList();
    }

    private static ScoredSnippet toScoredSnippet(QueryMatch match) {
        TextSegment segment = TextSegment.from(match.document(), Metadata.from(match.metadata()));
        return new ScoredSnippet(Snippet.fromTextSegment(match.id(), segment), 1 - match.distance());
    }
}
