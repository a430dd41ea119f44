package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers without a chat model: quotes the units (sentences, list items, table rows, code blocks) of the top
 * passages that best cover the question, each followed by the [n] of its passage, in page order within a
 * passage. The text says plainly that it is quoted, so nobody mistakes it for a written answer.
 *
 * <p>Units are picked one at a time, each time the one adding the most: the sum of the weights of the question
 * terms it contains ({@link QuestionTerms}: rare terms weigh more, terms carried over from the conversation less),
 * a term already quoted counting only {@value #REPEAT_WEIGHT} of its weight again, so a question asking two things
 * ("who approves it, and how long does it take?") gets both answered rather than the first one twice. A question
 * asking for a quantity or a time ("how long", "how many", "when") is answered by units with a number in them:
 * those without one count {@value #NO_NUMBER_FACTOR}. A unit next to a chosen one in the same paragraph gains
 * {@value #NEIGHBOUR_SHARE} of that one's gain, if it shares a question term itself: the sentence beside an
 * answer often completes it (the recovery point objective stated just before the promotion time), and a quote
 * of adjacent sentences reads better than scattered ones. Higher passages are preferred a little.
 *
 * <p>Why these rules: on the demo space, the previous selection (the units with the most weighted matches, each
 * scored alone) missed facts of the reference answer for four of the twelve answerable questions (two-part
 * questions answered by half, a table row outranked by sentences merely naming its subject, the rollback command
 * matching no question word); with them every quote holds them ({@code DemoSpaceExtractiveAnswerTest}).
 */
final class ExtractiveAnswerer {

    static final String HEADING = "Quoted from Confluence:";
    /** Each step down the passage ranking weighs a unit a little less: the best passage usually answers. */
    private static final double RANK_DISCOUNT = 0.2;
    /** What a question term already quoted by a chosen unit still counts in the next one. */
    private static final double REPEAT_WEIGHT = 0.5;
    /** What a unit without a digit counts when the question asks for a quantity or a time. */
    private static final double NO_NUMBER_FACTOR = 0.5;
    /** The share of a chosen unit's gain its neighbours in the same paragraph gain, when they match the question too. */
    private static final double NEIGHBOUR_SHARE = 0.5;

    private final int maxUnits;

    ExtractiveAnswerer(int maxUnits) {
        this.maxUnits = maxUnits;
    }

    /** A question asked on its own. */
    Answer answer(String question, List<Passage> passages) {
        return answer(question, question, passages);
    }

    /**
     * @param asked the user's own words
     * @param query what was searched for: the question made standalone (a follow-up with its subject carried over)
     */
    Answer answer(String asked, String query, List<Passage> passages) {
        List<Candidate> candidates = candidates(passages);
        QuestionTerms terms = QuestionTerms.of(asked, query);
        Map<String, Double> weights = terms.weights(candidates.stream().map(Candidate::terms).toList());
        boolean wantsNumber = QuestionTerms.asksForNumber(asked);
        candidates.forEach(c -> c.match(weights.keySet()));
        List<Candidate> chosen = choose(candidates, weights, wantsNumber);
        if (chosen.isEmpty() && !candidates.isEmpty()) {
            chosen = List.of(candidates.getFirst()); // the best passage's opening, rather than nothing
        }
        Map<Integer, List<Candidate>> byPassage = new TreeMap<>();
        chosen.forEach(c -> byPassage.computeIfAbsent(c.passage(), p -> new ArrayList<>()).add(c));

        StringBuilder text = new StringBuilder(HEADING);
        List<Citation> citations = new ArrayList<>();
        byPassage.forEach((index, quoted) -> {
            int n = index + 1;
            quoted.sort(Comparator.comparingInt(Candidate::position));
            text.append("\n\n").append(quote(quoted, n));
            citations.add(CitationChecker.citation(n, passages.get(index)));
        });
        return new Answer(text.toString(), true, citations, AnswerMode.EXTRACTIVE);
    }

    /** Greedy coverage: the unit adding the most, until {@code maxUnits} or nothing adds anything. */
    private List<Candidate> choose(List<Candidate> candidates, Map<String, Double> weights, boolean wantsNumber) {
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> chosen = new ArrayList<>();
        Set<String> quoted = new HashSet<>();
        while (chosen.size() < maxUnits) {
            Candidate best = null;
            double bestGain = 0;
            for (Candidate c : left) { // in passage order: of equal gains, the higher passage's earlier unit wins
                double gain = c.gain(weights, quoted, wantsNumber);
                if (gain > bestGain) {
                    best = c;
                    bestGain = gain;
                }
            }
            if (best == null) {
                break;
            }
            chosen.add(best);
            left.remove(best);
            quoted.addAll(best.matched());
            for (Candidate c : left) {
                if (c.isNeighbourOf(best)) {
                    c.addContext(NEIGHBOUR_SHARE * bestGain);
                }
            }
        }
        return chosen;
    }

    private static String quote(List<Candidate> units, int n) {
        List<String> paragraphs = new ArrayList<>();
        for (Candidate c : units) {
            String unit = c.unit().code() ? c.unit().text() + "\n[" + n + "]"
                    : MarkdownSafety.quotePlainText(c.unit().text()) + " [" + n + "]";
            paragraphs.add("> " + unit.replace("\n", "\n> "));
        }
        return String.join("\n>\n", paragraphs);
    }

    private static List<Candidate> candidates(List<Passage> passages) {
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            List<QuotableUnits.Unit> units = QuotableUnits.of(passages.get(p).text());
            for (int u = 0; u < units.size(); u++) {
                QuotableUnits.Unit unit = units.get(u);
                candidates.add(new Candidate(p, u, unit, QuestionTerms.unitTerms(unit.text()),
                        unit.text().chars().anyMatch(Character::isDigit)));
            }
        }
        return candidates;
    }

    private static final class Candidate {
        private final int passage;
        private final int position;
        private final QuotableUnits.Unit unit;
        private final Set<String> terms;
        private final boolean hasNumber;
        private List<String> matched = List.of();
        private double context;

        Candidate(int passage, int position, QuotableUnits.Unit unit, Set<String> terms, boolean hasNumber) {
            this.passage = passage;
            this.position = position;
            this.unit = unit;
            this.terms = terms;
            this.hasNumber = hasNumber;
        }

        int passage() {
            return passage;
        }

        int position() {
            return position;
        }

        QuotableUnits.Unit unit() {
            return unit;
        }

        Set<String> terms() {
            return terms;
        }

        List<String> matched() {
            return matched;
        }

        /** Remembers which of the question's terms this unit contains, in the question's order (sums add up alike). */
        void match(Set<String> questionTerms) {
            matched = questionTerms.stream().filter(term -> QuestionTerms.contains(terms, term)).toList();
        }

        boolean isNeighbourOf(Candidate other) {
            return passage == other.passage && unit.paragraph() == other.unit.paragraph()
                    && Math.abs(position - other.position) == 1;
        }

        void addContext(double share) {
            context = Math.max(context, share);
        }

        /** What quoting this unit adds; nothing when it shares no term with the question, next to a quote or not. */
        double gain(Map<String, Double> weights, Set<String> quoted, boolean wantsNumber) {
            double sum = 0;
            for (String term : matched) {
                sum += weights.get(term) * (quoted.contains(term) ? REPEAT_WEIGHT : 1);
            }
            if (sum == 0) {
                return 0;
            }
            double answerType = wantsNumber && !hasNumber ? NO_NUMBER_FACTOR : 1;
            return sum * answerType / (1 + RANK_DISCOUNT * passage) + context;
        }
    }
}
