package io.github.confluenceassistant.chat.retrieval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTermsTest {

    @Test
    void keyTermsDropQuestionWordsAndKeepNamesWhole() {
        assertThat(QueryTerms.keyTerms("How many approvals does a pull request to payments-api need?"))
                .containsExactly("many", "approvals", "pull", "request", "payments-api");
    }

    @Test
    void theKeywordQueryIsMadeOfPlainWordsWhateverTheUserTyped() {
        assertThat(QueryTerms.plainWords("port of 'postgres' & !redis <-> (eu-west-1) | :*", 32))
                .containsExactly("port", "postgres", "redis", "eu", "west", "1");
    }

    @Test
    void aQuestionOfStopWordsOnlyHasNoKeywordQuery() {
        assertThat(QueryTerms.plainWords("what is it?", 32)).isEmpty();
    }

    @Test
    void stemsMeetAcrossCommonEndings() {
        assertThat(QueryTerms.stems("approvals merged releases policies promoting"))
                .containsExactlyElementsOf(QueryTerms.stems("approval merge release policy promotion"));
    }
}
