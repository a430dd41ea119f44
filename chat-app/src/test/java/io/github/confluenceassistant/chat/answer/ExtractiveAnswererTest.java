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

    @Test
    void aQuestionAskingTwoThingsGetsBothAnsweredRatherThanTheFirstTwice() {
        Passage accounts = passage("200025", "AWS accounts", "Requesting an account", """
                Every team gets its own AWS accounts, created by Account Factory.
                4. Submit. The request is approved by the FinOps lead and the Head of Platform.
                Sandbox accounts are created within one working day. Workload accounts are created within 3 business days of approval.""");

        Answer answer = new ExtractiveAnswerer(2).answer(
                "Who has to approve a request for a new AWS workload account, and how long does it take to be created?",
                List.of(accounts));

        assertThat(answer.text())
                .contains("> 4. Submit. The request is approved by the FinOps lead and the Head of Platform. [1]")
                .contains("> Workload accounts are created within 3 business days of approval. [1]");
    }

    @Test
    void aQuestionAskingWhenOrHowLongIsAnsweredByAUnitWithANumber() {
        Passage onCall = passage("200012", "On-call handbook", "", "Ideas for improvement go to the weekly ops review.");
        Passage rituals = passage("200027", "Team rituals", "", """
                We keep meetings few and predictable.
                Ritual: Daily stand-up; When: Every working day, 09:45; Length: 15 minutes
                Ritual: Weekly ops review; When: Tuesdays, 14:00; Length: 45 minutes; Who: On-call engineers of the last week""");

        Answer answer = new ExtractiveAnswerer(1).answer("When is the weekly ops review and how long does it last?",
                List.of(onCall, unrelated, escalation, rituals));

        assertThat(answer.text()).isEqualTo("""
                Quoted from Confluence:

                > Ritual: Weekly ops review; When: Tuesdays, 14:00; Length: 45 minutes; Who: On-call engineers of the last week [4]""");
    }

    @Test
    void aTableRowIsQuotedWholeEvenWhenACellHoldsSentences() {
        Passage roles = passage("200013", "Incident roles", "", """
                Role: Incident commander (IC); Responsibility: Coordinates and decides. Does not debug.; Usually held by: IC rota
                Role: Scribe; Responsibility: Keeps the timeline; Usually held by: Anyone not otherwise busy""");

        Answer answer = new ExtractiveAnswerer(1).answer("Who usually holds the incident commander role?", List.of(roles));

        assertThat(answer.text()).contains(
                "> Role: Incident commander (IC); Responsibility: Coordinates and decides. Does not debug.; Usually held by: IC rota [1]");
    }

    @Test
    void wordsCarriedOverFromTheConversationWeighLessThanTheAskedOnes() {
        Passage failover = passage("200009", "Database failover", "", """
                The primary orders database in eu-west-1 fails over to its standby by itself.
                Promotion of the replica usually takes 8 to 15 minutes.""");

        Answer answer = new ExtractiveAnswerer(1).answer("How long does promoting that replica take?",
                "primary orders database eu-west-1 fails: How long does promoting that replica take?", List.of(failover));

        assertThat(answer.text()).contains("> Promotion of the replica usually takes 8 to 15 minutes. [1]")
                .doesNotContain("standby");
    }

    @Test
    void wordsWrittenApartFindTheirCompoundAndANameItsLongerVariants() {
        Passage rollback = passage("200021", "How to deploy a service", "Rollback", """
                Roll back first and debug later. The fastest way is to let Argo CD return to the previous revision:
                ```bash
                argocd app rollback payments-api-prod <HISTORY-ID>
                ```""");

        Answer answer = new ExtractiveAnswerer(2).answer("How do I roll back payments-api?", List.of(rollback));

        assertThat(answer.text()).contains("> argocd app rollback payments-api-prod <HISTORY-ID>");
    }

    @Test
    void aSentenceNextToAQuotedOneIsPreferredToAnEqualMatchElsewhere() {
        Passage promotion = passage("200009", "Database failover", "Promote the replica", """
                Before you promote, check the lag: our recovery point objective is 5 minutes. Promotion of the replica usually takes 8 to 15 minutes.
                After a promotion, rebuilding the old setup takes about 1 day.""");

        Answer answer = new ExtractiveAnswerer(2).answer(
                "How long does promoting the replica take, and how much data could we lose?", List.of(promotion));

        assertThat(answer.text()).isEqualTo("""
                Quoted from Confluence:

                > Before you promote, check the lag: our recovery point objective is 5 minutes. [1]
                >
                > Promotion of the replica usually takes 8 to 15 minutes. [1]""");
    }
}
