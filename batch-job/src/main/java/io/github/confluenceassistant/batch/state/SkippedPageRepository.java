package io.github.confluenceassistant.batch.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.github.confluenceassistant.batch.confluence.PageWithoutBodyException;

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

    /** The pages one step execution skipped. */
    public List<SkippedPage> forStepExecution(long stepExecutionId) {
        return jdbc.query("""
                select page_id, title, space_key, url, reason from assistant.ingest_skipped_page
                where step_execution_id = ? order by id""",
                (rs, i) -> new SkippedPage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                stepExecutionId);
    }

    /** Skipped pages over every execution of a job instance (a restart does not re-read what was skipped before it). */
    public SkipCounts countsForJobInstance(long jobInstanceId) {
        return jdbc.queryForObject("""
                select count(*) filter (where reason = ?), count(*) filter (where reason <> ?)
                from (select distinct on (s.page_id) s.page_id, s.reason from assistant.ingest_skipped_page s
                      join batch_job_execution e on e.job_execution_id = s.job_execution_id
                      where e.job_instance_id = ? order by s.page_id, s.id desc) last_skip""",
                (rs, i) -> new SkipCounts(rs.getLong(1), rs.getLong(2)),
                PageWithoutBodyException.REASON, PageWithoutBodyException.REASON, jobInstanceId);
    }

    /**
     * Pages read by the page step over every execution of a job instance: the plain step's read counts, or its
     * workers' when partitioned (the manager step only adds theirs up).
     */
    public long pagesReadInJobInstance(long jobInstanceId, String pageStepName) {
        Long read = jdbc.queryForObject("""
                select coalesce(sum(s.read_count), 0) from batch_step_execution s
                join batch_job_execution e on e.job_execution_id = s.job_execution_id
                where e.job_instance_id = ? and (s.step_name like ? or (s.step_name = ? and not exists (
                    select 1 from batch_step_execution w join batch_job_execution we on we.job_execution_id = w.job_execution_id
                    where we.job_instance_id = ? and w.step_name like ?)))""", Long.class,
                jobInstanceId, pageStepName + ":%", pageStepName, jobInstanceId, pageStepName + ":%");
        return read == null ? 0 : read;
    }

    /** Pages skipped for want of a body, and for any other reason. */
    public record SkipCounts(long withoutBody, long otherwise) {
    }
}
