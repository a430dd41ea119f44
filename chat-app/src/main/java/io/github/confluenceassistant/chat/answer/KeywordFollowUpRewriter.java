package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.QueryTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The follow-up rule without a chat model: a question that leans on the conversation (it has a referring word
 * such as it, that, this, they, there, or at most {@value #SHORT_QUESTION_WORDS} words) gets the key terms of the
 * last user turn put in front, so "how do I roll it back?" after "how do I deploy payments-api?" searches for
 * payments-api too. Other questions are searched as asked: a new topic should not drag the old one along.
 */
public final class KeywordFollowUpRewriter implements FollowUpRewriter {

    static final int SHORT_QUESTION_WORDS = 5;
    private static final int MAX_CARRIED_TERMS = 8;
    private static final Set<String> REFERRING_WORDS = Set.of("it", "its", "that", "this", "these", "those", "they",
            "them", "their", "there", "he", "she", "him", "her", "his", "same", "above", "former", "latter");

    @Override
    public String standalone(Question question) {
        String lastUserTurn = question.conversation().reversed().stream()
                .filter(turn -> "user".equalsIgnoreCase(turn.speaker()))
                .map(Turn::text)
                .findFirst()
                .orElse(null);
        if (lastUserTurn == null || !leansOnConversation(question.text())) {
            return question.text();
        }
        List<String> asked = QueryTerms.keyTerms(question.text());
        List<String> carried = new ArrayList<>();
        for (String term : QueryTerms.keyTerms(lastUserTurn)) {
            if (!asked.contains(term) && carried.size() < MAX_CARRIED_TERMS) {
                carried.add(term);
            }
        }
        return carried.isEmpty() ? question.text() : String.join(" ", carried) + ": " + question.text();
    }

    static boolean leansOnConversation(String question) {
        List<String> words = QueryTerms.words(question);
        return words.size() <= SHORT_QUESTION_WORDS || words.stream().anyMatch(REFERRING_WORDS::contains);
    }
}
