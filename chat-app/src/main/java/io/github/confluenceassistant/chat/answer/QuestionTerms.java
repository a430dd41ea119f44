package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.QueryTerms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The terms an extractive answer looks for in the passages' units, and how much each one matters.
 *
 * <ul>
 *   <li>The user's own words count fully; the terms a follow-up carried over from the conversation ("that
 *       replica" after a question on the orders database) only {@value #CARRIED_WEIGHT}: they say what the
 *       question is about, the asked words what it wants.</li>
 *   <li>Rare terms weigh more: log(1 + units / units containing the term), counted over the units at hand, so
 *       "p99" counts for more than "alert" on a page full of alerts.</li>
 *   <li>Words written apart in the question also match written together ("roll it back" finds "rollback"), and
 *       a name matches its longer variants ("payments-api" finds "payments-api-prod").</li>
 * </ul>
 */
final class QuestionTerms {

    static final double CARRIED_WEIGHT = 0.5;

    /**
     * "how long", "how many", "what time", "when" opening a question or a clause of it (not "what happens when…"):
     * questions whose answer is a number, a duration or a time.
     */
    private static final Pattern ASKS_FOR_NUMBER = Pattern.compile(
            "\\bhow (long|many|much|often|soon|quickly|fast|big|large|old|far|high|low)\\b|\\bwhat (time|date|day)\\b"
                    + "|\\bat what\\b|(^|[,;]|\\band|\\bor)\\s*when\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");

    /** Stem → importance (1 asked, {@link #CARRIED_WEIGHT} carried over). */
    private final Map<String, Double> importance;

    private QuestionTerms(Map<String, Double> importance) {
        this.importance = importance;
    }

    /**
     * @param asked the user's own words
     * @param query what was searched for (the question, or a follow-up with terms of earlier turns added)
     */
    static QuestionTerms of(String asked, String query) {
        Map<String, Double> importance = new LinkedHashMap<>();
        addTerms(asked, 1.0, importance);
        addTerms(query, CARRIED_WEIGHT, importance);
        return new QuestionTerms(importance);
    }

    private static void addTerms(String text, double weight, Map<String, Double> importance) {
        for (String stem : QueryTerms.stems(text)) {
            importance.putIfAbsent(stem, weight);
        }
        List<String> terms = QueryTerms.keyTerms(text);
        for (int i = 0; i + 1 < terms.size(); i++) {
            String first = terms.get(i);
            String second = terms.get(i + 1);
            if (LETTERS.matcher(first).matches() && LETTERS.matcher(second).matches()) {
                for (String compound : QueryTerms.stems(first + second)) {
                    importance.putIfAbsent(compound, weight);
                }
            }
        }
    }

    /** The stems of a unit's text, as question terms are matched against them. */
    static Set<String> unitTerms(String text) {
        return QueryTerms.stems(text);
    }

    /** Whether a unit with these terms contains the question term: the same stem, or a longer name it starts. */
    static boolean contains(Set<String> unitTerms, String term) {
        if (unitTerms.contains(term)) {
            return true;
        }
        if (term.indexOf('-') < 0) {
            return false;
        }
        String prefix = term + "-";
        return unitTerms.stream().anyMatch(u -> u.startsWith(prefix));
    }

    /** Each term found in at least one unit, with its importance times its rarity among the units; question order. */
    Map<String, Double> weights(List<Set<String>> units) {
        Map<String, Double> weights = new LinkedHashMap<>();
        importance.forEach((term, weight) -> {
            long containing = units.stream().filter(u -> contains(u, term)).count();
            if (containing > 0) {
                weights.put(term, weight * Math.log(1.0 + (double) units.size() / containing));
            }
        });
        return weights;
    }

    static boolean asksForNumber(String question) {
        return ASKS_FOR_NUMBER.matcher(question).find();
    }
}
