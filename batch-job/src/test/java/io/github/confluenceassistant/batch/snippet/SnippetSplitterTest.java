package io.github.confluenceassistant.batch.snippet;

import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.github.confluenceassistant.batch.confluence.ConfluencePage;
import io.github.confluenceassistant.batch.confluence.PageStructure;
import io.github.confluenceassistant.batch.confluence.PageStructure.Block;
import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;
import io.github.confluenceassistant.batch.confluence.PageStructure.Section;
import io.github.confluenceassistant.batch.confluence.StorageFormatCleaner;
import io.github.confluenceassistant.shared.snippet.Snippet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SnippetSplitterTest {

    private static final ConfluencePage PAGE = new ConfluencePage("4711", "page", "current", "PAY", "Payments",
            "Payments API Runbook", 7, Instant.parse("2025-03-01T10:15:30Z"),
            "https://example.atlassian.net/wiki/spaces/PAY/pages/4711/Payments+API+Runbook",
            List.of("Operations", "Runbooks"), "");

    private static TokenCountEstimator bgeTokens;

    private final SplitterSettings settings = SplitterSettings.defaults();

    private SnippetSplitter splitter() {
        return new SnippetSplitter(bgeTokens, settings);
    }

    /** The same tokenizer the job uses, unpacked from the model's jar as EmbeddingModelFactory does it. */
    @BeforeAll
    static void loadBgeTokenizer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bge-tokenizer.json");
        try (InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader()
                .getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
            assertThat(in).as("BGE tokenizer resource").isNotNull();
            Files.copy(in, file);
        }
        bgeTokens = new HuggingFaceTokenCountEstimator(file);
    }

    @Test
    void everySnippetFitsTheModelWindowWithItsContext() {
        String longWord = "x".repeat(100_000);
        String runOnSentence = "the consumer lag grows and ".repeat(3_000);
        String hugeCode = IntStream.range(0, 600)
                .mapToObj(i -> "    echo \"step " + i + " of the migration\" && ./migrate --step " + i)
                .reduce("```bash", (a, b) -> a + "\n" + b) + "\n```";
        String wideRow = IntStream.range(0, 300).mapToObj(i -> "Column " + i + ": value " + i)
                .reduce((a, b) -> a + "; " + b).orElseThrow();
        PageStructure structure = new PageStructure(List.of(
                section(List.of("A very long heading about the payments service and its many dependencies ".repeat(20)),
                        paragraphs(40)),
                section(List.of("Pathological"), List.of(
                        new Block(Kind.PARAGRAPH, longWord),
                        new Block(Kind.PARAGRAPH, runOnSentence),
                        new Block(Kind.CODE, hugeCode),
                        new Block(Kind.TABLE_ROW, wideRow),
                        new Block(Kind.PANEL, "Warning: " + "Do not restart during business hours. ".repeat(200))))));

        List<Snippet> snippets = splitter().split(PAGE, structure);

        assertThat(snippets).hasSizeGreaterThan(20);
        assertThat(snippets).allSatisfy(snippet -> {
            assertThat(bgeTokens.estimateTokenCountInText(snippet.textForEmbedding()))
                    .as("tokens of snippet %s", snippet.id()).isLessThanOrEqualTo(settings.maxTokens());
            assertThat(snippet.text()).isNotBlank().hasSizeLessThanOrEqualTo(settings.maxTokens() * 8);
        });
        assertThat(String.join("", snippets.stream().map(Snippet::text).toList()).replaceAll("\\s", ""))
                .contains(longWord);
    }

    @Test
    void snippetsNeverMixSections() {
        PageStructure structure = new PageStructure(List.of(
                section(List.of("Deploy"), List.of(new Block(Kind.PARAGRAPH, "Deploy with the pipeline."))),
                section(List.of("Deploy", "Rollback"), List.of(new Block(Kind.PARAGRAPH, "Undo the rollout."))),
                section(List.of("Monitoring"), List.of(new Block(Kind.PARAGRAPH, "Watch the dashboards.")))));

        List<Snippet> snippets = splitter().split(PAGE, structure);

        assertThat(snippets).extracting(Snippet::section, Snippet::text).containsExactly(
                tuple("Deploy", "Deploy with the pipeline."),
                tuple("Deploy › Rollback", "Undo the rollout."),
                tuple("Monitoring", "Watch the dashboards."));
    }

    @Test
    void codeBlockThatFitsIsNotCut() {
        String code = IntStream.range(0, 30).mapToObj(i -> "    kubectl scale deploy/payments --replicas=" + i)
                .reduce("```bash", (a, b) -> a + "\n" + b) + "\n```";
        assertThat(bgeTokens.estimateTokenCountInText(code)).isBetween(settings.targetTokens(), 480);
        List<Block> blocks = new ArrayList<>(paragraphs(3));
        blocks.add(new Block(Kind.CODE, code));
        blocks.addAll(paragraphs(3));

        List<Snippet> snippets = splitter().split(PAGE, new PageStructure(List.of(section(List.of("Scale"), blocks))));

        assertThat(snippets).filteredOn(snippet -> snippet.text().contains("kubectl"))
                .singleElement()
                .satisfies(snippet -> assertThat(snippet.text()).contains(code));
    }

    @Test
    void oversizedCodeIsCutAtLineEndsAndEveryPieceStaysFenced() {
        String code = IntStream.range(0, 200).mapToObj(i -> "psql -c \"select count(*) from ledger_" + i + "\"")
                .reduce("```sql", (a, b) -> a + "\n" + b) + "\n```";

        List<Snippet> snippets = splitter().split(PAGE,
                new PageStructure(List.of(section(List.of("Checks"), List.of(new Block(Kind.CODE, code))))));

        assertThat(snippets).hasSizeGreaterThan(1).allSatisfy(snippet -> {
            assertThat(snippet.text()).startsWith("```sql\npsql").endsWith("\"\n```");
            assertThat(snippet.text().lines().skip(1).filter(line -> !line.equals("```")))
                    .allMatch(line -> line.matches("psql -c \"select count\\(\\*\\) from ledger_\\d+\""));
        });
    }

    @Test
    void oversizedTableRowIsCutBetweenCells() {
        String row = IntStream.range(0, 150).mapToObj(i -> "Setting " + i + ": value " + i)
                .reduce((a, b) -> a + "; " + b).orElseThrow();

        List<Snippet> snippets = splitter().split(PAGE,
                new PageStructure(List.of(section(List.of("Config"), List.of(new Block(Kind.TABLE_ROW, row))))));

        assertThat(snippets).hasSizeGreaterThan(1).allSatisfy(snippet ->
                assertThat(snippet.text().split("; ")).allMatch(cell -> cell.matches("Setting (\\d+): value \\1")));
    }

    @Test
    void longSectionYieldsSeveralSnippetsThatOverlap() {
        List<Snippet> snippets = splitter().split(PAGE,
                new PageStructure(List.of(section(List.of("Incident history"), paragraphs(30)))));

        assertThat(snippets).hasSizeGreaterThan(3);
        for (int i = 1; i < snippets.size(); i++) {
            String previous = snippets.get(i - 1).text();
            String firstSentence = snippets.get(i).text().split("(?<=\\.) ")[0];
            assertThat(previous).as("snippet %d starts with the end of snippet %d", i, i - 1).contains(firstSentence);
            assertThat(bgeTokens.estimateTokenCountInText(snippets.get(i).text()))
                    .isLessThanOrEqualTo(settings.targetTokens() + settings.overlapTokens());
        }
    }

    @Test
    void codeIsNotRepeatedAsOverlap() {
        String code = IntStream.range(0, 30).mapToObj(i -> "./deploy.sh --region eu-" + i)
                .reduce("```bash", (a, b) -> a + "\n" + b) + "\n```";
        List<Block> blocks = List.of(new Block(Kind.CODE, code), new Block(Kind.CODE, code.replace("eu", "us")));

        List<Snippet> snippets = splitter().split(PAGE, new PageStructure(List.of(section(List.of("Deploy"), blocks))));

        assertThat(snippets).hasSize(2);
        assertThat(snippets.get(1).text()).startsWith("```bash\n./deploy.sh --region us-0");
    }

    @Test
    void tinyTrailingPieceJoinsThePreviousSnippet() {
        List<Block> blocks = new ArrayList<>(paragraphs(5));
        String last = "Last words: page the on-call engineer of the ledger team before you restart anything.";
        blocks.add(new Block(Kind.PARAGRAPH, last));
        int total = blocks.stream().mapToInt(block -> bgeTokens.estimateTokenCountInText(block.text())).sum();
        assertThat(total).as("the blocks overflow one snippet").isGreaterThan(settings.targetTokens());

        List<Snippet> snippets = splitter().split(PAGE, new PageStructure(List.of(section(List.of("Notes"), blocks))));

        assertThat(snippets).singleElement().satisfies(snippet -> assertThat(snippet.text()).endsWith(last));
    }

    @Test
    void idsAreDeterministicAndSequential() {
        PageStructure structure = new PageStructure(List.of(
                section(List.of("One"), paragraphs(12)), section(List.of("Two"), paragraphs(12))));

        List<Snippet> first = splitter().split(PAGE, structure);
        List<Snippet> second = splitter().split(PAGE, structure);

        assertThat(first).isEqualTo(second);
        assertThat(first).extracting(Snippet::id)
                .containsExactlyElementsOf(IntStream.range(0, first.size()).mapToObj(i -> "4711:7:" + i).toList());
        assertThat(first).extracting(Snippet::chunkIndex)
                .containsExactlyElementsOf(IntStream.range(0, first.size()).boxed().toList());
    }

    @Test
    void snippetsCarryThePageAndLinkToTheirSection() {
        PageStructure structure = new StorageFormatCleaner().clean("""
                <p>Intro.</p>
                <h2>Roll back &amp; retry</h2><p>Undo the rollout.</p>
                """);

        List<Snippet> snippets = splitter().split(PAGE, structure);

        assertThat(snippets).extracting(Snippet::url).containsExactly(PAGE.url(), PAGE.url() + "#Roll-back--retry");
        assertThat(snippets).allSatisfy(snippet -> {
            assertThat(snippet.pageId()).isEqualTo("4711");
            assertThat(snippet.spaceKey()).isEqualTo("PAY");
            assertThat(snippet.contentType()).isEqualTo("page");
            assertThat(snippet.title()).isEqualTo("Payments API Runbook");
            assertThat(snippet.breadcrumb()).isEqualTo("Payments › Operations › Runbooks › Payments API Runbook");
            assertThat(snippet.pageVersion()).isEqualTo(7);
            assertThat(snippet.lastModified()).isEqualTo(PAGE.lastModified());
        });
        assertThat(snippets.get(1).section()).isEqualTo("Roll back & retry");
        assertThat(snippets.get(1).textForEmbedding())
                .isEqualTo("Payments › Operations › Runbooks › Payments API Runbook › Roll back & retry\n\nUndo the rollout.");
    }

    @Test
    void pageWithEmptyStructureYieldsNoSnippets() {
        assertThat(splitter().split(PAGE, new PageStructure(List.of()))).isEmpty();
        assertThat(splitter().split(PAGE, new PageStructure(List.of(section(List.of("Empty"), List.of()))))).isEmpty();
    }

    @Test
    void fifteenHundredWordPageSplitsInMilliseconds() {
        PageStructure structure = new PageStructure(List.of(
                section(List.of("A"), paragraphs(10)), section(List.of("B"), paragraphs(10)),
                section(List.of("C"), paragraphs(10))));
        SnippetSplitter splitter = splitter();
        for (int i = 0; i < 20; i++) {
            splitter.split(PAGE, structure);
        }

        long start = System.nanoTime();
        int runs = 20;
        for (int i = 0; i < runs; i++) {
            splitter.split(PAGE, structure);
        }
        long millisPerPage = (System.nanoTime() - start) / runs / 1_000_000;

        assertThat(millisPerPage).as("ms per 1,500-word page (tokenizing the text once is the floor)")
                .isLessThan(100);
    }

    @Test
    void settingsRejectSizesThatCannotWork() {
        assertThatThrownBy(() -> new SplitterSettings(350, 510, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SplitterSettings(350, 510, 350)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SplitterSettings(600, 510, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetTokens=600");
        assertThat(SplitterSettings.defaults()).isEqualTo(new SplitterSettings(350, 510, 40));
    }

    private static Section section(List<String> headingPath, List<Block> blocks) {
        String anchor = headingPath.isEmpty() ? "" : headingPath.getLast().strip().replaceAll("\\s+", "-");
        return new Section(headingPath, anchor, blocks);
    }

    /** Distinct paragraphs of about 50 words (some 60 tokens) each, sentences numbered so overlap is traceable. */
    private static List<Block> paragraphs(int count) {
        List<Block> blocks = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            StringBuilder text = new StringBuilder();
            for (int s = 0; s < 4; s++) {
                text.append("Sentence ").append(p).append('.').append(s)
                        .append(" explains how the payments service recovers when the ledger is slow. ");
            }
            blocks.add(new Block(Kind.PARAGRAPH, text.toString().strip()));
        }
        return blocks;
    }
}
