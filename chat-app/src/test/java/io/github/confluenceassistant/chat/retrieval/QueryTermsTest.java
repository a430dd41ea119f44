package io.github.confluenceassistant.chat.retrieval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @Test
    void wordsAreWhatTheWordPatternFinds() {
        Pattern word = Pattern.compile("[\\p{L}\\p{N}]+(?:[-_.][\\p{L}\\p{N}]+)*");
        String[] pieces = {"a", "Z", "9", "ß", "É", "Ⅻ", "²", "𝒜", "\uD835", "-", "_", ".", "--", " ", "!", "'", "\n",
                "|", "eu-west-1", "v2.3."};
        Random random = new Random(7);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> expected = new ArrayList<>();
            Matcher matcher = word.matcher(text);
            while (matcher.find()) {
                expected.add(matcher.group().toLowerCase(Locale.ROOT));
            }
            assertThat(QueryTerms.words(text.toString())).as("words of \"%s\"", text).isEqualTo(expected);
        }
    }
}
