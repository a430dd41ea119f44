package io.github.confluenceassistant.chat.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordFollowUpRewriterTest {

    private final KeywordFollowUpRewriter rewriter = new KeywordFollowUpRewriter();
    private final List<Turn> deployConversation = List.of(
            new Turn("user", "How do I get a new version of payments-api into production?"),
            new Turn("agent", "Run brightlane-cli deploy promote payments-api --from staging --to prod."));

    @Test
    void aFollowUpThatRefersBackCarriesTheKeyTermsOfTheLastUserTurn() {
        Question followUp = new Question("And if the release misbehaves, how do I roll it back?", List.of(), deployConversation);

        assertThat(rewriter.standalone(followUp))
                .isEqualTo("new version payments-api production: And if the release misbehaves, how do I roll it back?");
    }

    @Test
    void aShortFollowUpCarriesThemToo() {
        assertThat(rewriter.standalone(new Question("And on staging?", List.of(), deployConversation)))
                .startsWith("new version payments-api production:");
    }

    @Test
    void aSelfContainedQuestionIsSearchedAsAsked() {
        Question newTopic = new Question("Which port does the local PostgreSQL from Docker Compose listen on?", List.of(),
                deployConversation);

        assertThat(rewriter.standalone(newTopic)).isEqualTo(newTopic.text());
    }

    @Test
    void aQuestionWithoutConversationIsUnchanged() {
        assertThat(rewriter.standalone(Question.of("How do I roll it back?"))).isEqualTo("How do I roll it back?");
    }
}
