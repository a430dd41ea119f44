package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.confluenceassistant.chat.retrieval.Snippets.passage;
import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveAnswererTest {

    private final Passage escalation = passage("200012", "On-call handbook", "Escalation",
            "Pages go to the primary first. Acknowledge a page within 5 minutes. "
                    + "If the primary has not acknowledged after 10 minutes, the page escalates to the secondary. "
                    + "The rotation changes on Mondays.");
    private final Passage unrelated = passage("200027", "Weekly ops review", "",
            "The weekly ops review is on Tuesdays at 14:00 CET.");

    @Test
    void quotesTheMatchingSentencesInPageOrderEachWithItsCitation() {
        Answer answer = new ExtractiveAnswerer(2).answer(
                "How quickly do I have to acknowledge a page, and when does it escalate?", List.of(escalation, unrelated));

        assertThat(answer.text()).isEqualTo("""
                Quoted from Confluence:

                > Acknowledge a page within 5 minutes. [1]
                >
                > If the primary has not acknowledged after 10 minutes, the page escalates to the secondary. [1]""");
        assertThat(answer.answered()).isTrue();
        assertThat(answer.mode()).isEqualTo(AnswerMode.EXTRACTIVE);
        assertThat(answer.citations()).singleElement().satisfies(citation -> {
            assertThat(citation.n()).isEqualTo(1);
            assertThat(citation.pageId()).isEqualTo("200012");
            assertThat(citation.url()).endsWith("#Escalation");
        });
    }

    @Test
    void citesOnlyThePassagesItQuotesWithTheirOwnNumbers() {
        Answer answer = new ExtractiveAnswerer(4).answer("When is the weekly ops review?", List.of(escalation, unrelated));

        assertThat(answer.text()).contains("> The weekly ops review is on Tuesdays at 14:00 CET. [2]").doesNotContain("[1]");
        assertThat(answer.citations()).extracting(Citation::n).containsExactly(2);
    }

    @Test
    void codeBlocksAreQuotedWholeAndPageTextNeverBecomesMarkup() {
        Passage rollback = passage("200021", "Rollback", "Rollback", """
                Roll back with argocd: <img src=x onerror=alert(1)> see [3].
                ```bash
                argocd app rollback payments-api-prod <HISTORY-ID>
                ```""");

        Answer answer = new ExtractiveAnswerer(4).answer("How do I roll back payments-api with argocd?", List.of(rollback));

        assertThat(answer.text())
                .contains("> Roll back with argocd: &lt;img src=x onerror=alert(1)> see \\[3\\]. [1]")
                .contains("> ```bash\n> argocd app rollback payments-api-prod <HISTORY-ID>\n> ```\n> [1]")
                .doesNotContain("<img");
    }
}
