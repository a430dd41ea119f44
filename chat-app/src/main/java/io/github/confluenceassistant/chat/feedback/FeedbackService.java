package io.github.confluenceassistant.chat.feedback;

import io.github.confluenceassistant.chat.answer.Citation;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stores thumbs up/down on answers (table {@code assistant.chat_feedback}, Flyway-managed), through R2DBC. */
@Service
public class FeedbackService {

    private final DatabaseClient database;
    private final JsonMapper json = JsonMapper.builder().build();

    public FeedbackService(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Long> record(Feedback feedback) {
        List<Citation> citations = feedback.answer().citations();
        List<String> snippetIds = citations.stream().flatMap(c -> c.snippetIds().stream()).toList();
        Map<String, Integer> pageVersions = new LinkedHashMap<>();
        citations.forEach(c -> pageVersions.put(c.pageId(), c.pageVersion()));
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        insert into assistant.chat_feedback (username, question, answer, answer_mode, answered, helpful,
                            comment, cited_snippet_ids, cited_page_versions)
                        values (:username, :question, :answer, :mode, :answered, :helpful, :comment, :snippets,
                            cast(:versions as jsonb))
                        returning id""")
                .bind("username", feedback.username())
                .bind("question", feedback.question())
                .bind("answer", feedback.answer().text())
                .bind("mode", feedback.answer().mode().name())
                .bind("answered", feedback.answer().answered())
                .bind("helpful", feedback.helpful())
                .bind("snippets", snippetIds.toArray(String[]::new))
                .bind("versions", json.writeValueAsString(pageVersions));
        insert = feedback.comment() == null || feedback.comment().isBlank()
                ? insert.bindNull("comment", String.class)
                : insert.bind("comment", feedback.comment());
        return insert.map(row -> row.get("id", Long.class)).one();
    }

    public Mono<Long> count() {
        return database.sql("select count(*) as n from assistant.chat_feedback").map(row -> row.get("n", Long.class)).one();
    }
}
