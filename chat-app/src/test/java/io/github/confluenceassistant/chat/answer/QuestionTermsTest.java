package io.github.confluenceassistant.chat.answer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionTermsTest {

    @Test
    void questionsAskingForAQuantityOrATimeAreToldApart() {
        assertThat(QuestionTerms.asksForNumber("When is the weekly ops review?")).isTrue();
        assertThat(QuestionTerms.asksForNumber("How many approvals does a pull request need?")).isTrue();
        assertThat(QuestionTerms.asksForNumber("Who approves it, and when is it created?")).isTrue();
        assertThat(QuestionTerms.asksForNumber("At what lag does the alert fire?")).isTrue();
        assertThat(QuestionTerms.asksForNumber("What happens when the primary fails?")).isFalse();
        assertThat(QuestionTerms.asksForNumber("Why was Aurora PostgreSQL rejected?")).isFalse();
    }

    @Test
    void askedWordsWeighMoreThanCarriedOnesAndRareOnesMoreThanCommonOnes() {
        QuestionTerms terms = QuestionTerms.of("How long does promoting that replica take?",
                "orders database: How long does promoting that replica take?");
        List<Set<String>> units = List.of(Set.of("replica", "order"), Set.of("replica", "promot"), Set.of("replica", "databas"));

        var weights = terms.weights(units);

        assertThat(weights.get("promot")).isGreaterThan(weights.get("order")).isGreaterThan(weights.get("replica") / 2);
        assertThat(weights.get("order")).isEqualTo(weights.get("promot") / 2);
        assertThat(weights).doesNotContainKey("long");
    }

    @Test
    void wordsWrittenApartMatchTheirCompoundAndNamesTheirLongerVariants() {
        QuestionTerms terms = QuestionTerms.of("How do I roll it back on payments-api?", "How do I roll it back on payments-api?");

        assertThat(terms.weights(List.of(QuestionTerms.unitTerms("argocd app rollback payments-api-prod"))))
                .containsOnlyKeys("rollback", "payments-api");
    }
}
