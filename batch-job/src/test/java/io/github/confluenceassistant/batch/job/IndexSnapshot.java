package io.github.confluenceassistant.batch.job;

import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the index holds after a run, for comparing runs and for checking that Chroma and the state tables agree:
 * the snippet rows of {@code assistant.ingest_snippet} by id, the pages of {@code assistant.ingest_page_state},
 * and every record id in the Chroma collection (duplicates kept, to be caught).
 */
public record IndexSnapshot(Map<String, IndexedSnippet> snippets, Map<String, Integer> snippetCountByPage,
                     List<String> chromaIds) {

    /** One row of the snippet table. */
    public record IndexedSnippet(String pageId, String breadcrumb, String url, String text) {
    }

    public static IndexSnapshot of(JobHarness job) {
        String collection = job.collection();
        Map<String, IndexedSnippet> snippets = new TreeMap<>();
        job.jdbc().query("select id, page_id, breadcrumb, url, text from assistant.ingest_snippet where collection = ?",
                rs -> {
                    snippets.put(rs.getString(1), new IndexedSnippet(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }, collection);
        Map<String, Integer> pages = new TreeMap<>();
        job.jdbc().query("select page_id, snippet_count from assistant.ingest_page_state where collection = ?",
                rs -> {
                    pages.put(rs.getString(1), rs.getInt(2));
                }, collection);
        return new IndexSnapshot(snippets, pages, chromaIds(job, collection));
    }

    /** Every record id of a collection in the harness's Chroma; empty when the collection does not exist. */
    public static List<String> chromaIds(JobHarness job, String collection) {
        ChromaCollections collections = job.bean(ChromaCollections.class);
        return collections.find(collection)
                .map(info -> ChromaIdLister.allIds(job.bean(ChromaProperties.class).url(), info.id()))
                .orElse(List.of());
    }

    /** Every record id of a collection in a Chroma server. */
    public static List<String> chromaIds(String chromaUrl, String collection) {
        ChromaProperties chroma = new ChromaProperties(chromaUrl, "default_tenant", "default_database", "unused",
                java.time.Duration.ofSeconds(30));
        String id = new ChromaCollections(org.springframework.web.reactive.function.client.WebClient.builder(), chroma)
                .find(collection).orElseThrow().id();
        return ChromaIdLister.allIds(chromaUrl, id);
    }

    public Set<String> snippetIds() {
        return new TreeSet<>(snippets.keySet());
    }

    public Set<String> pageIds() {
        return new TreeSet<>(snippetCountByPage.keySet());
    }

    public Map<String, String> textsById() {
        return snippets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().text(),
                (a, b) -> a, TreeMap::new));
    }

    public Map<String, String> breadcrumbsById() {
        return snippets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().breadcrumb(),
                (a, b) -> a, TreeMap::new));
    }

    /** Chroma holds exactly the snippets the state table lists, each once, and the page counts add up. */
    public IndexSnapshot assertChromaAgreesWithStateTable() {
        assertThat(chromaIds).as("Chroma ids").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(chromaIds)).as("Chroma holds exactly the snippets of the state table")
                .isEqualTo(snippetIds());
        assertThat(snippetCountByPage.values().stream().mapToInt(Integer::intValue).sum())
                .as("snippet counts of ingest_page_state").isEqualTo(snippets.size());
        return this;
    }
}
