package io.github.confluenceassistant.batch.vectorstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which collections exist and whether each is complete. A collection becomes READY when a job run over all
 * pages has finished; the chat app only reads READY collections, so a new model's collection is never seen half-built.
 */
@Repository
public class CollectionRegistry {

    private final JdbcTemplate jdbc;

    public CollectionRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void registerBuilding(String collection, String modelId) {
        jdbc.update("""
                insert into assistant.ingest_collection (name, model_id, status) values (?, ?, 'BUILDING')
                on conflict (name) do nothing""", collection, modelId);
    }

    public void markReady(String collection) {
        jdbc.update("update assistant.ingest_collection set status = 'READY', ready_at = now() where name = ? and status <> 'READY'",
                collection);
    }

    /** Pages the state table holds for the collection. */
    public long pageCount(String collection) {
        Long count = jdbc.queryForObject("select count(*) from assistant.ingest_page_state where collection = ?",
                Long.class, collection);
        return count == null ? 0 : count;
    }
}
