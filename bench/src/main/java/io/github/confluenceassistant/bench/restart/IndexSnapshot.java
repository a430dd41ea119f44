package io.github.confluenceassistant.bench.restart;

import io.github.confluenceassistant.bench.ChromaRecords;
import io.github.confluenceassistant.bench.ChromaRecords.ChromaRecord;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.snippet.SnippetMetadata;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run left behind for a collection: the ids of the records in Chroma (as listed, so a duplicate would
 * show twice) with their page and chunk, the snippet rows in PostgreSQL, and the page state rows.
 */
record IndexSnapshot(List<ChromaRecord> chromaRecords, List<String> snippetRowIds, Map<String, PageState> pageStates) {

    /** One row of {@code assistant.ingest_page_state}, less the run that wrote it. */
    record PageState(int version, String contentHash, int snippetCount) {
    }

    static IndexSnapshot of(JdbcTemplate jdbc, ChromaProperties chroma, String collection) {
        List<ChromaRecord> records = new ChromaRecords(chroma).list(collection, false);
        List<String> rows = jdbc.queryForList("select id from assistant.ingest_snippet where collection = ?",
                String.class, collection);
        Map<String, PageState> states = new HashMap<>();
        jdbc.query("select page_id, version, content_hash, snippet_count from assistant.ingest_page_state where collection = ?",
                rs -> {
                    states.put(rs.getString("page_id"), new PageState(rs.getInt("version"), rs.getString("content_hash"),
                            rs.getInt("snippet_count")));
                }, collection);
        return new IndexSnapshot(records, rows, states);
    }

    /** The key a snippet has whatever its id: the same page and chunk twice is one snippet written twice. */
    static String pageChunk(ChromaRecord record) {
        return record.metadata().get(SnippetMetadata.PAGE_ID) + "#" + record.metadata().get(SnippetMetadata.CHUNK_INDEX);
    }
}
