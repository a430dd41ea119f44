package io.github.confluenceassistant.localstack.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConfluenceDatasetTest {

    private static final String PAGE_1 = """
            {"id": "1", "type": "page", "status": "current", "title": "Home", "space": {"id": 7, "key": "DEMO"}, \
            "version": {"number": 3, "when": "2025-01-01T00:00:00.000Z"}, \
            "history": {"createdDate": "2024-01-01T00:00:00.000Z", "lastUpdated": {"number": 3}}, "ancestors": [], \
            "body": {"storage": {"value": "<p>Hello</p>", "representation": "storage"}}}""";
    private static final String PAGE_2 = """
            {"id": "2", "type": "page", "title": "Child", "ancestors": [{"id": "1"}]}""";

    @TempDir
    Path directory;

    @Test
    void loadsTheSharedMtragDatasetWithItsQuestions() {
        ConfluenceDataset dataset = ConfluenceDataset.load(sharedDatasets().resolve("mtrag-cloud"));

        assertThat(dataset.pages()).hasSize(243);
        assertThat(dataset.spaces()).singleElement()
                .satisfies(space -> assertThat(space.path("key").asString()).isEqualTo("CLOUD"));
        assertThat(dataset.blogPosts()).isEmpty();
        assertThat(dataset.questions()).hasSize(179);
        assertThat(dataset.questions()).filteredOn(DatasetQuestion::isConversation).isNotEmpty()
                .allSatisfy(question -> assertThat(question.conversation().getFirst().speaker()).isEqualTo("user"));
        assertThat(dataset.questions()).filteredOn(question -> !question.answerable()).isNotEmpty();
    }

    @Test
    void demoSpaceLoadsFromTheClassPath() {
        assumeTrue(getClass().getClassLoader().getResource("demo-space/pages.jsonl") != null,
                "the demo space is not written yet");

        ConfluenceDataset demo = ConfluenceDataset.demoSpace();

        assertThat(demo.pages()).isNotEmpty();
        assertThat(demo.spaces()).isNotEmpty();
    }

    @Test
    void skipsBlankLinesAndMissingOptionalFiles() throws IOException {
        Files.writeString(directory.resolve("pages.jsonl"), PAGE_1 + "\n\n   \n" + PAGE_2 + "\n");

        ConfluenceDataset dataset = ConfluenceDataset.load(directory);

        assertThat(dataset.pages()).extracting(page -> page.path("id").asString()).containsExactly("1", "2");
        assertThat(dataset.spaces()).isEmpty();
        assertThat(dataset.blogPosts()).isEmpty();
        assertThat(dataset.questions()).isEmpty();
    }

    @Test
    void badJsonFailsWithTheFileAndLineNumber() throws IOException {
        Files.writeString(directory.resolve("pages.jsonl"), PAGE_1 + "\n\n{\"id\": \"2\", \n");

        assertThatThrownBy(() -> ConfluenceDataset.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pages.jsonl line 3");
    }

    @Test
    void aLineThatIsNotAnObjectFailsWithItsLineNumber() throws IOException {
        Files.writeString(directory.resolve("pages.jsonl"), PAGE_1 + "\n");
        Files.writeString(directory.resolve("space.jsonl"), "[1, 2]\n");

        assertThatThrownBy(() -> ConfluenceDataset.load(directory))
                .hasMessageContaining("space.jsonl line 1")
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void aDirectoryWithoutPagesIsRejected() {
        assertThatThrownBy(() -> ConfluenceDataset.load(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No pages.jsonl");
    }

    @Test
    void readsQuestionsWithConversationsAndMissingReferenceAnswers() throws IOException {
        Files.writeString(directory.resolve("pages.jsonl"), PAGE_1 + "\n");
        Files.writeString(directory.resolve("questions.jsonl"), """
                {"id": "q1", "question": "What now?", "conversation": [{"speaker": "user", "text": "Hi"}, \
                {"speaker": "agent", "text": "Hello"}], "relevant_page_ids": ["1"], "answerable": true, \
                "reference_answer": "This."}
                {"id": "q2", "question": "Unknown?", "relevant_page_ids": [], "answerable": false, \
                "reference_answer": null}
                """);

        List<DatasetQuestion> questions = ConfluenceDataset.load(directory).questions();

        assertThat(questions.getFirst()).isEqualTo(new DatasetQuestion("q1", "What now?",
                List.of(new DatasetQuestion.Turn("user", "Hi"), new DatasetQuestion.Turn("agent", "Hello")),
                List.of("1"), true, "This."));
        assertThat(questions.get(1).referenceAnswer()).isNull();
        assertThat(questions.get(1).answerable()).isFalse();
        assertThat(questions.get(1).conversation()).isEmpty();
    }

    @Test
    void withPageReplacesByIdOrAddsAndLeavesTheOriginalAlone() throws IOException {
        ConfluenceDataset original = twoPages();
        ObjectNode renamed = original.page("2").orElseThrow().put("title", "Renamed");
        ObjectNode added = original.page("2").orElseThrow().put("id", "3");

        ConfluenceDataset changed = original.withPage(renamed).withPage(added);

        assertThat(changed.pages()).extracting(page -> page.path("title").asString())
                .containsExactly("Home", "Renamed", "Child");
        assertThat(original.pages()).extracting(page -> page.path("title").asString())
                .containsExactly("Home", "Child");
    }

    @Test
    void withoutPageDropsIt() throws IOException {
        assertThat(twoPages().withoutPage("1").pages()).extracting(page -> page.path("id").asString())
                .containsExactly("2");
    }

    @Test
    void withPageEditedReplacesTheBodyAndBumpsTheVersion() throws IOException {
        Instant before = Instant.now().minus(Duration.ofSeconds(1));

        ObjectNode edited = twoPages().withPageEdited("1", "<p>New text</p>").page("1").orElseThrow();

        assertThat(edited.at("/body/storage/value").asString()).isEqualTo("<p>New text</p>");
        assertThat(edited.at("/version/number").asInt()).isEqualTo(4);
        assertThat(Instant.parse(edited.at("/version/when").asString())).isAfter(before);
        assertThat(edited.at("/history/lastUpdated/number").asInt()).isEqualTo(4);
    }

    @Test
    void editingAPageWithoutBodyOrVersionStartsThem() throws IOException {
        ObjectNode edited = twoPages().withPageEdited("2", "<p>Body</p>").page("2").orElseThrow();

        assertThat(edited.at("/body/storage/value").asString()).isEqualTo("<p>Body</p>");
        assertThat(edited.at("/version/number").asInt()).isEqualTo(1);
    }

    @Test
    void recordsHandedOutAreCopies() throws IOException {
        ConfluenceDataset dataset = twoPages();

        dataset.pages().getFirst().put("title", "Changed by a caller");

        assertThat(dataset.pages().getFirst().path("title").asString()).isEqualTo("Home");
    }

    private ConfluenceDataset twoPages() throws IOException {
        Files.writeString(directory.resolve("pages.jsonl"), PAGE_1 + "\n" + PAGE_2 + "\n");
        return ConfluenceDataset.load(directory);
    }

    /** The build passes shared.dir; run from local-stack/ the datasets are two levels up. */
    static Path sharedDatasets() {
        String shared = System.getProperty("shared.dir");
        Path base = shared != null ? Path.of(shared)
                : Files.isDirectory(Path.of("../../shared")) ? Path.of("../../shared") : Path.of("../shared");
        return base.resolve("datasets");
    }
}
