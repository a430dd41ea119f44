package io.github.confluenceassistant.batch.confluence;

import io.github.confluenceassistant.batch.confluence.PageStructure.Block;
import io.github.confluenceassistant.batch.confluence.PageStructure.Kind;
import io.github.confluenceassistant.batch.confluence.PageStructure.Section;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class StorageFormatCleanerTest {

    private final StorageFormatCleaner cleaner = new StorageFormatCleaner();

    @Test
    void headingsStartSectionsUnderTheHeadingsAboveThem() {
        PageStructure page = cleaner.clean("""
                <p>Read this first.</p>
                <h1>Payments API</h1><p>Owned by the payments team.</p>
                <h2>Deploy</h2><p>Use the pipeline.</p>
                <h3>Rollback</h3><p>Undo the rollout.</p>
                <h2>Monitoring</h2><p>Dashboards live in Grafana.</p>
                """);

        assertThat(page.sections()).extracting(Section::headingPath, Section::anchor).containsExactly(
                tuple(List.of(), ""),
                tuple(List.of("Payments API"), "Payments-API"),
                tuple(List.of("Payments API", "Deploy"), "Deploy"),
                tuple(List.of("Payments API", "Deploy", "Rollback"), "Rollback"),
                tuple(List.of("Payments API", "Monitoring"), "Monitoring"));
        assertThat(page.sections().getFirst().blocks()).containsExactly(new Block(Kind.PARAGRAPH, "Read this first."));
    }

    @Test
    void anchorReplacesWhitespaceWithDashesAndDropsPunctuation() {
        PageStructure page = cleaner.clean("""
                <h2>  Roll back &amp; retry (v2.1_beta)!  </h2><p>text</p>
                <h2>Größe   der <strong>Datenbank</strong></h2><p>text</p>
                """);

        assertThat(page.sections()).extracting(Section::anchor)
                .containsExactly("Roll-back--retry-v2.1_beta", "Größe-der-Datenbank");
    }

    @Test
    void headingWithoutContentStartsNoSectionOfItsOwn() {
        PageStructure page = cleaner.clean("<h1>Guide</h1><h2><br/></h2><h2>Setup</h2><p>Install it.</p>");

        assertThat(page.sections()).singleElement()
                .satisfies(section -> assertThat(section.headingPath()).containsExactly("Guide", "Setup"));
    }

    @Test
    void whitespaceInsideParagraphsIsNormalised() {
        PageStructure page = cleaner.clean("<p>  Several\n   spaces&nbsp;and\ttabs <br/> and a break. </p><p> </p><p></p>");

        assertThat(blocks(page)).containsExactly(new Block(Kind.PARAGRAPH, "Several spaces and tabs and a break."));
    }

    @Test
    void listItemsAreNumberedAndNestedListsIndented() {
        PageStructure page = cleaner.clean("""
                <ol>
                  <li><p>Stop the consumer</p>
                    <ul><li>check the lag first</li><li>page the owner</li></ul>
                  </li>
                  <li>Restart it</li>
                </ol>
                <ul><li>Plain bullet</li></ul>
                """);

        assertThat(blocks(page)).extracting(Block::kind).containsOnly(Kind.LIST_ITEM);
        assertThat(texts(page)).containsExactly(
                "1. Stop the consumer",
                "  - check the lag first",
                "  - page the owner",
                "2. Restart it",
                "- Plain bullet");
    }

    @Test
    void tasksBecomeCheckedOrUncheckedItems() {
        PageStructure page = cleaner.clean("""
                <ac:task-list>
                  <ac:task><ac:task-id>1</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Rotate keys</ac:task-body></ac:task>
                  <ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Tell support</ac:task-body></ac:task>
                </ac:task-list>
                """);

        assertThat(texts(page)).containsExactly("- [x] Rotate keys", "- [ ] Tell support");
    }

    @Test
    void tableRowsAreLabelledWithTheHeaderRow() {
        PageStructure page = cleaner.clean("""
                <table><tbody>
                  <tr><th>Service</th><th>Owner</th><th>On call</th></tr>
                  <tr><td>payments</td><td><p>Team <strong>Pay</strong></p></td><td>Ana</td></tr>
                  <tr><td>ledger</td><td></td><td>Bo</td></tr>
                </tbody></table>
                """);

        assertThat(blocks(page)).containsExactly(
                new Block(Kind.TABLE_ROW, "Service: payments; Owner: Team Pay; On call: Ana"),
                new Block(Kind.TABLE_ROW, "Service: ledger; On call: Bo"));
    }

    @Test
    void theadRowLabelsTheBodyRows() {
        PageStructure page = cleaner.clean("""
                <table>
                  <thead><tr><td>Port</td><td>Protocol</td></tr></thead>
                  <tbody><tr><td>5432</td><td>PostgreSQL</td></tr></tbody>
                </table>
                """);

        assertThat(texts(page)).containsExactly("Port: 5432; Protocol: PostgreSQL");
    }

    @Test
    void tableWithoutHeadersJoinsCellsWithBars() {
        PageStructure page = cleaner.clean("""
                <table><tbody>
                  <tr><th>Owner</th><td>Payments</td></tr>
                  <tr><th>Tier</th><td>1</td></tr>
                </tbody></table>
                """);

        assertThat(texts(page)).containsExactly("Owner | Payments", "Tier | 1");
    }

    @Test
    void nestedTableStaysInsideItsCell() {
        PageStructure page = cleaner.clean("""
                <table><tbody>
                  <tr><th>Step</th><th>Detail</th></tr>
                  <tr><td>1</td><td><table><tbody><tr><td>a</td><td>b</td></tr></tbody></table></td></tr>
                </tbody></table>
                """);

        assertThat(texts(page)).containsExactly("Step: 1; Detail: a b");
    }

    @Test
    void codeMacroBodyIsKeptVerbatim() {
        PageStructure page = cleaner.clean("""
                <ac:structured-macro ac:name="code" ac:schema-version="1">
                  <ac:parameter ac:name="language">bash</ac:parameter>
                  <ac:parameter ac:name="title">Roll back</ac:parameter>
                  <ac:plain-text-body><![CDATA[
                if [ "$lag" -lt 100 ] && [ -f /tmp/x ]; then
                    kubectl rollout undo deploy/payments   # <b>not</b> &amp; html
                fi
                ]]></ac:plain-text-body>
                </ac:structured-macro>
                """);

        assertThat(blocks(page)).containsExactly(new Block(Kind.CODE, """
                ```bash
                if [ "$lag" -lt 100 ] && [ -f /tmp/x ]; then
                    kubectl rollout undo deploy/payments   # <b>not</b> &amp; html
                fi
                ```"""));
    }

    @Test
    void noformatMacroAndPreBecomeCodeWithoutLanguage() {
        PageStructure page = cleaner.clean("""
                <ac:structured-macro ac:name="noformat"><ac:plain-text-body><![CDATA[ERROR  at line 3]]></ac:plain-text-body></ac:structured-macro>
                <pre>  two  spaces</pre>
                """);

        assertThat(blocks(page)).containsExactly(
                new Block(Kind.CODE, "```\nERROR  at line 3\n```"),
                new Block(Kind.CODE, "```\n  two  spaces\n```"));
    }

    @Test
    void panelMacrosKeepTheirBodyLedByTheirKind() {
        PageStructure page = cleaner.clean("""
                <ac:structured-macro ac:name="info"><ac:rich-text-body><p>Read-only on Sundays.</p></ac:rich-text-body></ac:structured-macro>
                <ac:structured-macro ac:name="note"><ac:rich-text-body><p>Keys rotate monthly.</p></ac:rich-text-body></ac:structured-macro>
                <ac:structured-macro ac:name="tip"><ac:rich-text-body><p>Use the CLI.</p></ac:rich-text-body></ac:structured-macro>
                <ac:structured-macro ac:name="warning">
                  <ac:rich-text-body><p>Never deploy on Fridays.</p><ul><li>not even hotfixes</li></ul></ac:rich-text-body>
                </ac:structured-macro>
                <ac:structured-macro ac:name="panel"><ac:parameter ac:name="title">Contacts</ac:parameter>
                  <ac:rich-text-body><p>#payments</p></ac:rich-text-body></ac:structured-macro>
                """);

        assertThat(blocks(page)).extracting(Block::kind).containsOnly(Kind.PANEL);
        assertThat(texts(page)).containsExactly(
                "Info: Read-only on Sundays.",
                "Note: Keys rotate monthly.",
                "Tip: Use the CLI.",
                "Warning: Never deploy on Fridays.\n- not even hotfixes",
                "Contacts: #payments");
    }

    @Test
    void expandMacroLeadsWithItsTitleAndKeepsCodeInside() {
        PageStructure page = cleaner.clean("""
                <ac:structured-macro ac:name="expand">
                  <ac:parameter ac:name="title">How do I reset it?</ac:parameter>
                  <ac:rich-text-body>
                    <p>Run the script:</p>
                    <ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[./reset.sh]]></ac:plain-text-body></ac:structured-macro>
                  </ac:rich-text-body>
                </ac:structured-macro>
                """);

        assertThat(blocks(page)).containsExactly(
                new Block(Kind.PANEL, "How do I reset it? Run the script:"),
                new Block(Kind.CODE, "```\n./reset.sh\n```"));
    }

    @Test
    void cloudEditorPanelIsReadOnceNotAlsoFromItsFallback() {
        PageStructure page = cleaner.clean("""
                <ac:adf-extension>
                  <ac:adf-node type="panel">
                    <ac:adf-attribute key="panel-type">error</ac:adf-attribute>
                    <ac:adf-content><p>Payments are down.</p></ac:adf-content>
                  </ac:adf-node>
                  <ac:adf-fallback><div class="panel"><p>Payments are down.</p></div></ac:adf-fallback>
                </ac:adf-extension>
                """);

        assertThat(blocks(page)).containsExactly(new Block(Kind.PANEL, "Error: Payments are down."));
    }

    @Test
    void navigationMacrosAreDropped() {
        PageStructure page = cleaner.clean("""
                <ac:structured-macro ac:name="toc"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>
                <ac:structured-macro ac:name="children" />
                <ac:structured-macro ac:name="recently-updated"><ac:rich-text-body><p>Recent</p></ac:rich-text-body></ac:structured-macro>
                <ac:structured-macro ac:name="pagetree"><ac:parameter ac:name="root">@self</ac:parameter></ac:structured-macro>
                <ac:structured-macro ac:name="contentbylabel"><ac:parameter ac:name="labels">runbook</ac:parameter></ac:structured-macro>
                <ac:structured-macro ac:name="attachments" />
                <ac:structured-macro ac:name="livesearch"><ac:parameter ac:name="spaceKey">PAY</ac:parameter></ac:structured-macro>
                <p>The only text.</p>
                """);

        assertThat(texts(page)).containsExactly("The only text.");
    }

    @Test
    void linksBecomeTheirTextOrTheTitleTheyPointTo() {
        PageStructure page = cleaner.clean("""
                <p>See <ac:link><ri:page ri:content-title="Deploy Guide" /><ac:plain-text-link-body><![CDATA[the guide]]></ac:plain-text-link-body></ac:link>,
                <ac:link><ri:page ri:content-title="Ignored" /><ac:link-body>the <em>runbook</em></ac:link-body></ac:link>,
                <ac:link><ri:page ri:content-title="Escalation Policy" /></ac:link> and
                <a href="https://status.example.com">the status page</a>.</p>
                """);

        assertThat(texts(page)).containsExactly(
                "See the guide, the runbook, Escalation Policy and the status page.");
    }

    @Test
    void emoticonsImagesAndStatusLozengesBecomeWords() {
        PageStructure page = cleaner.clean("""
                <p><ac:emoticon ac:name="warning" /> Status: <ac:structured-macro ac:name="status">
                  <ac:parameter ac:name="colour">Red</ac:parameter><ac:parameter ac:name="title">BLOCKED</ac:parameter>
                </ac:structured-macro></p>
                <p><ac:image ac:alt="Architecture overview"><ri:attachment ri:filename="arch.png" /></ac:image></p>
                <p><ac:image><ri:attachment ri:filename="flow.png" /></ac:image></p>
                """);

        assertThat(texts(page)).containsExactly(
                ":warning: Status: BLOCKED", "[image: Architecture overview]", "[image: flow.png]");
    }

    @Test
    void bodyWithoutTextGivesAnEmptyStructure() {
        assertThat(cleaner.clean("<p> </p><ac:structured-macro ac:name=\"toc\" /><p><br/></p>").isEmpty()).isTrue();
        assertThat(cleaner.clean("").isEmpty()).isTrue();
        assertThat(cleaner.clean(null).isEmpty()).isTrue();
    }

    @Test
    void unclosedParagraphKeepsTheTextAfterIt() {
        PageStructure page = cleaner.clean("<p>First<p>Second</p><h2>Next</h2><p>Third</p>");

        assertThat(page.sections()).extracting(Section::headingPath).containsExactly(List.of(), List.of("Next"));
        assertThat(texts(page)).containsExactly("First", "Second", "Third");
    }

    @Test
    void unclosedHeadingEndsAtItsFirstBlock() {
        PageStructure page = cleaner.clean("<h2>Setup<p>Install the agent.</p><p>Then start it.</p>");

        assertThat(page.sections()).singleElement().satisfies(section -> {
            assertThat(section.headingPath()).containsExactly("Setup");
            assertThat(section.blocks()).extracting(Block::text).containsExactly("Install the agent.", "Then start it.");
        });
    }

    @Test
    void strayClosingTagIsIgnored() {
        PageStructure page = cleaner.clean("<p>Before</p></div></ac:rich-text-body><p>After</p></table>");

        assertThat(texts(page)).containsExactly("Before", "After");
    }

    @Test
    void unclosedTableCellsDoNotRepeatText() {
        PageStructure page = cleaner.clean("<table><tr><th>A<th>B</tr><tr><td>1<td>2</tr></table><p>After</p>");

        assertThat(texts(page)).containsExactly("A: 1; B: 2", "After");
    }

    @Test
    void cdataSplitToCarryItsOwnTerminatorIsJoined() {
        PageStructure page = cleaner.clean("""
                <ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[ a ]]]]><![CDATA[> b ]]></ac:plain-text-body></ac:structured-macro>
                <p>after</p>""");

        assertThat(blocks(page)).containsExactly(
                new Block(Kind.CODE, "```\n a ]]> b\n```"),
                new Block(Kind.PARAGRAPH, "after"));
    }

    @Test
    void unterminatedCdataKeepsTheTextBeforeIt() {
        PageStructure page = cleaner.clean("""
                <p>Good text.</p><ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[echo hi""");

        assertThat(texts(page)).containsExactly("Good text.", "```\necho hi\n```");
    }

    @Test
    void controlCharactersAndBinaryJunkAreStripped() {
        Random random = new Random(42);
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            char c = (char) random.nextInt(256);
            junk.append(c == '<' || c == '&' ? ' ' : c);
        }
        PageStructure page = cleaner.clean("<p>Keep\u0000 this\u0007 text\uFFFD.</p><p>" + junk + "</p><p>And this\uFEFF.</p>");

        List<String> texts = texts(page);
        assertThat(texts).first().isEqualTo("Keep this text.");
        assertThat(texts).last().isEqualTo("And this.");
        assertThat(String.join("", texts)).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFD]");
    }

    @Test
    void junkThatLooksLikeMarkupDoesNotLoseTheTextAround() {
        Random random = new Random(7);
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            junk.append((char) random.nextInt(256));
        }
        PageStructure page = cleaner.clean("<p>Before the junk.</p>" + junk + "<p>After the junk.</p>");

        assertThat(texts(page)).first().isEqualTo("Before the junk.");
        assertThat(String.join("\n", texts(page))).contains("After the junk.");
    }

    @Test
    void hundredThousandCharacterLineIsKept() {
        String line = "word ".repeat(20_000).strip();

        PageStructure page = cleaner.clean("<p>" + line + "</p><p>tail</p>");

        assertThat(texts(page)).containsExactly(line, "tail");
    }

    @Test
    void tenMegabyteBodyIsCleanedQuickly() {
        String paragraph = "<p style=\"" + "x".repeat(900) + "\">A paragraph of the big page.</p>\n";
        String body = "<h1>Big</h1>" + paragraph.repeat(10 * 1024 * 1024 / paragraph.length());

        PageStructure page = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cleaner.clean(body));

        assertThat(body.length()).isGreaterThan(10_000_000);
        assertThat(page.sections()).singleElement()
                .satisfies(section -> assertThat(section.blocks()).hasSizeGreaterThan(10_000));
    }

    @Test
    void pageWhoseTextIsOverTheLimitIsRejectedWithTheReason() {
        String body = "<p>" + "text ".repeat(1_000) + "</p>";

        assertThatThrownBy(() -> new StorageFormatCleaner(1_000).clean(body))
                .isInstanceOf(UnprocessablePageException.class)
                .hasMessageContaining("limit of 1000 characters");
    }

    @Test
    void tenMegabytesOfTextIsRejectedQuickly() {
        String body = "<p>" + "ten megabytes of text ".repeat(500_000) + "</p>";

        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> cleaner.clean(body)).isInstanceOf(UnprocessablePageException.class));
    }

    private static List<Block> blocks(PageStructure page) {
        return page.sections().stream().flatMap(section -> section.blocks().stream()).toList();
    }

    private static List<String> texts(PageStructure page) {
        return blocks(page).stream().map(Block::text).toList();
    }
}
