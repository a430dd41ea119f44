package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.chat.MutableClock;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Word frequencies from PostgreSQL's statistics, read once and again only when older than a minute, and lexemes
 * from PostgreSQL's stemmer, remembered per word.
 */
class TermFrequenciesTest {

    private static JdbcTemplate jdbc;
    private static DatabaseClient database;

    @BeforeAll
    static void index() {
        String name = TestIndexes.ingestionDatabase("term_frequencies");
        DataSource dataSource = TestInfrastructure.shared().postgres().dataSource(name);
        jdbc = new JdbcTemplate(dataSource);
        insert(0, 600, "Deploying the payments service");
        insert(600, 400, "Rolling back a release");
        jdbc.execute("analyze assistant.ingest_snippet");
        database = TestIndexes.database(name);
    }

    @Test
    void estimatesComeFromTheStatisticsAndAreReadAgainOnlyWhenAMinuteOld() {
        MutableClock clock = new MutableClock();
        TermFrequencies frequencies = new TermFrequencies(database, clock);

        TermFrequencies.Estimates first = frequencies.estimate(List.of("deployments", "release", "zebra", "against")).block();
        assertThat(first.indexedSnippets()).isCloseTo(1000, within(1.0));
        assertThat(first.terms()).extracting(TermFrequencies.Term::lexeme)
                .containsExactly("deploy", "releas", "zebra", null); // "against" is a stop word of PostgreSQL's
        assertThat(first.terms()).extracting(TermFrequencies.Term::snippets)
                .satisfiesExactly(deploy -> assertThat(deploy).isCloseTo(600, within(1.0)),
                        release -> assertThat(release).isCloseTo(400, within(1.0)),
                        zebra -> assertThat(zebra).isZero(),
                        against -> assertThat(against).isZero());

        insert(1000, 1000, "A zebra crossing");
        jdbc.execute("analyze assistant.ingest_snippet");
        TermFrequencies.Estimates cached = frequencies.estimate(List.of("zebra")).block();
        assertThat(cached.terms().getFirst().snippets()).as("statistics read less than a minute ago").isZero();
        assertThat(cached.indexedSnippets()).isCloseTo(1000, within(1.0));

        clock.advance(TermFrequencies.STATISTICS_MAX_AGE.plus(Duration.ofSeconds(1)));
        TermFrequencies.Estimates fresh = frequencies.estimate(List.of("zebra", "deploying")).block();
        assertThat(fresh.indexedSnippets()).isCloseTo(2000, within(1.0));
        assertThat(fresh.terms()).extracting(TermFrequencies.Term::snippets)
                .satisfiesExactly(zebra -> assertThat(zebra).isCloseTo(1000, within(1.0)),
                        deploy -> assertThat(deploy).isCloseTo(600, within(1.0)));
    }

    private static void insert(int from, int count, String text) {
        jdbc.update("""
                insert into assistant.ingest_snippet (collection, id, page_id, space_key, content_type, title, url,
                    section, breadcrumb, page_version, last_modified, chunk_index, text)
                select 'term-frequencies', 'p' || n || ':1:0', 'p' || n, 'ENG', 'page', 'Page ' || n,
                       'https://wiki/p' || n, '', 'ENG', 1, now(), 0, ?
                from generate_series(?, ?) n""", text, from, from + count - 1);
    }
}
