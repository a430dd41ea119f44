package io.github.confluenceassistant.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the job's tables hold for one collection. */
public record IndexCounts(int pages, int snippets) {

    public static IndexCounts of(JdbcTemplate jdbc, String collection) {
        return new IndexCounts(
                count(jdbc, "select count(*) from assistant.ingest_page_state where collection = ?", collection),
                count(jdbc, "select count(*) from assistant.ingest_snippet where collection = ?", collection));
    }

    private static int count(JdbcTemplate jdbc, String sql, String collection) {
        Integer count = jdbc.queryForObject(sql, Integer.class, collection);
        return count == null ? 0 : count;
    }
}
