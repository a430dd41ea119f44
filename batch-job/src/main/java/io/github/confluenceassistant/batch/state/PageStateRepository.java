package io.github.confluenceassistant.batch.state;

import io.github.confluenceassistant.batch.snippet.PageSnippets;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingestion state table and the snippet texts beside it. Uses the step's transaction (through Spring's
 * JDBC support), so what it writes commits with the chunk, or not at all; only {@link #notePending} commits at
 * once, because it must survive the chunk it speaks of.
 */
@Repository
public class PageStateRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public PageStateRepository(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A page known to the state table. */
    public record StoredPage(String pageId, String spaceKey, String title) {
    }

    /**
     * Notes, committed at once in a transaction of its own, that these pages' snippets are about to go to Chroma:
     * if the chunk never commits, {@link #pendingPages} still names them. {@link #saveWritten} removes them.
     */
    public void notePending(String collection, List<PageSnippets> pages) {
        ownTransaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                insert into assistant.ingest_pending_page (collection, page_id, space_key) values (?, ?, ?)
                on conflict (collection, page_id) do nothing""",
                pages.stream().map(p -> new Object[]{collection, p.page().id(), p.page().spaceKey()}).toList()));
    }

    /** A page noted as pending whose chunk did not commit, and whether the state table knows it. */
    public record PendingPage(String pageId, String spaceKey, boolean stored) {
    }

    public List<PendingPage> pendingPages(String collection) {
        return jdbc.query("""
                select p.page_id, p.space_key, st.page_id is not null
                from assistant.ingest_pending_page p
                left join assistant.ingest_page_state st on st.collection = p.collection and st.page_id = p.page_id
                where p.collection = ?""",
                (rs, i) -> new PendingPage(rs.getString(1), rs.getString(2), rs.getBoolean(3)), collection);
    }

    public void forgetPending(String collection, List<String> pageIds) {
        jdbc.update("delete from assistant.ingest_pending_page where collection = ? and page_id = any(?)", collection,
                (Object) pageIds.toArray(String[]::new));
    }

    public void saveWritten(String collection, List<PageSnippets> pages, Long jobExecutionId) {
        String[] pageIds = pages.stream().map(p -> p.page().id()).toArray(String[]::new);
        forgetPending(collection, List.of(pageIds));
        jdbc.update("delete from assistant.ingest_snippet where collection = ? and page_id = any(?)", collection, pageIds);
        List<Object[]> snippetRows = new ArrayList<>();
        for (PageSnippets page : pages) {
            for (Snippet s : page.snippets()) {
                snippetRows.add(new Object[]{collection, s.id(), s.pageId(), s.spaceKey(), s.contentType(), s.title(),
                        s.url(), s.section(), s.breadcrumb(), s.pageVersion(), Timestamp.from(s.lastModified()),
                        s.chunkIndex(), s.text()});
            }
        }
        jdbc.batchUpdate("""
                insert into assistant.ingest_snippet (collection, id, page_id, space_key, content_type, title, url, section,
                    breadcrumb, page_version, last_modified, chunk_index, text)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", snippetRows);
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("""
                insert into assistant.ingest_page_state (collection, page_id, space_key, title, content_type, version,
                    content_hash, snippet_count, written_at, job_execution_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (collection, page_id) do update set space_key = excluded.space_key, title = excluded.title,
                    content_type = excluded.content_type, version = excluded.version, content_hash = excluded.content_hash,
                    snippet_count = excluded.snippet_count, written_at = excluded.written_at,
                    job_execution_id = excluded.job_execution_id""",
                pages.stream().map(p -> new Object[]{collection, p.page().id(), p.page().spaceKey(), p.page().title(),
                        p.page().contentType(), p.page().version(), p.contentHash(), p.snippets().size(), now,
                        jobExecutionId}).toList());
    }

    public List<StoredPage> storedPages(String collection) {
        return jdbc.query("select page_id, space_key, title from assistant.ingest_page_state where collection = ?",
                (rs, i) -> new StoredPage(rs.getString(1), rs.getString(2), rs.getString(3)), collection);
    }

    public void delete(String collection, List<String> pageIds) {
        String[] ids = pageIds.toArray(String[]::new);
        jdbc.update("delete from assistant.ingest_snippet where collection = ? and page_id = any(?)", collection, ids);
        jdbc.update("delete from assistant.ingest_page_state where collection = ? and page_id = any(?)", collection, ids);
    }

    /**
     * Brings PostgreSQL's statistics of the keyword index up to date (most common lexemes and row count): the
     * chat app's keyword search reads them to tell common words from rare ones. Autovacuum would do it too, later.
     */
    public void refreshKeywordStatistics() {
        jdbc.execute("analyze assistant.ingest_snippet");
    }

    public long snippetCount(String collection) {
        Long count = jdbc.queryForObject("select coalesce(sum(snippet_count), 0) from assistant.ingest_page_state where collection = ?",
                Long.class, collection);
        return count == null ? 0 : count;
    }
}
