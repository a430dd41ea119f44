package io.github.confluenceassistant.batch.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Pages a run could not ingest, with the reason, for the dashboard and for whoever reads the log. */
@Repository
public class SkippedPageRepository {

    private final JdbcTemplate jdbc;

    public SkippedPageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record SkippedPage(String pageId, String title, String spaceKey, String url, String reason) {
    }

    public void record(long jobExecutionId, Long stepExecutionId, SkippedPage page) {
        jdbc.update("""
                insert into assistant.ingest_skipped_page (job_execution_id, step_execution_id, page_id, title, space_key, url, reason)
                values (?, ?, ?, ?, ?, ?, ?)""", jobExecutionId, stepExecutionId, page.pageId(), page.title(),
                page.spaceKey(), page.url(), page.reason());
    }

    public List<SkippedPage> forJobExecution(long jobExecutionId) {
        return jdbc.query("""
                select page_id, title, space_key, url, reason from assistant.ingest_skipped_page
                where job_execution_id = ? order by id""",
                (rs, i) -> new SkippedPage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                jobExecutionId);
    }
}
