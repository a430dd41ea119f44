package io.github.confluenceassistant.chat.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaCollections.QueryMatch;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nearest snippets: Chroma finds the ids (restricted to the spaces in scope by a metadata filter inside its
 * query), PostgreSQL has their texts. A hit without a committed row is left out, so an answer never cites a
 * snippet whose chunk has not committed, or that a newer version of its page has replaced.
 */
public class VectorSearch {

    private final ChromaCollections chroma;
    private final SnippetRows rows;

    public VectorSearch(ChromaCollections chroma, SnippetRows rows) {
        this.chroma = chroma;
        this.rows = rows;
    }

    /** Blocking: the ids nearest to the question's vector, nearest first. */
    public List<QueryMatch> nearest(ReadyCollection collection, Embedding question, SpaceScope scope, int maxResults) {
        if (scope.isEmpty()) {
            return List.of();
        }
        Map<String, Object> where = scope.allSpaces() ? Map.of()
                : Map.of(SnippetMetadata.SPACE_KEY, Map.of("$in", List.copyOf(scope.spaceKeys())));
        return chroma.query(collection.id(), question.vector(), maxResults, where);
    }

    /** @return the matches' snippets in the same order, scored by cosine similarity (the relevance floor's scale) */
    public Mono<List<ScoredSnippet>> snippets(ReadyCollection collection, List<QueryMatch> matches) {
        return rows.byIds(collection.name(), matches.stream().map(QueryMatch::id).toList()).map(found -> {
            List<ScoredSnippet> scored = new ArrayList<>(matches.size());
            for (QueryMatch match : matches) {
                Snippet snippet = found.get(match.id());
                if (snippet != null) {
                    scored.add(new ScoredSnippet(snippet, 1 - match.distance()));
                }
            }
            return scored;
        });
    }
}
