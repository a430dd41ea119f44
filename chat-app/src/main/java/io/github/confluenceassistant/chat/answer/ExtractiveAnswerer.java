package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;
import io.github.confluenceassistant.chat.retrieval.QueryTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Answers without a chat model: quotes the sentences of the top passages that share the most (and the rarest)
 * words with the question, higher passages preferred, each followed by the [n] of its passage, in page order within a passage. The text
 * says plainly that it is quoted, so nobody mistakes it for a written answer.
 */
final class ExtractiveAnswerer {

    static final String HEADING = "Quoted from Confluence:";
    /** Each step down the passage ranking weighs a sentence's matches a little less: the best passage usually answers. */
    private static final double RANK_DISCOUNT = 0.2;

    private final int maxUnits;

    ExtractiveAnswerer(int maxUnits) {
        this.maxUnits = maxUnits;
    }

    Answer answer(String question, List<Passage> passages) {
        List<Candidate> candidates = candidates(passages);
        Map<String, Double> weights = termWeights(QueryTerms.stems(question), candidates);
        List<Candidate> chosen = candidates.stream()
                .filter(c -> c.score(weights) > 0)
                .sorted(Comparator.comparingDouble((Candidate c) -> -c.score(weights))
                        .thenComparingInt(Candidate::passage)
                        .thenComparingInt(Candidate::position))
                .limit(maxUnits)
                .toList();
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
                candidates.add(new Candidate(p, u, units.get(u), QueryTerms.stems(units.get(u).text())));
            }
        }
        return candidates;
    }

    /** Question terms weighted by rarity among the units: "p99" counts for more than "alert". */
    private static Map<String, Double> termWeights(Set<String> questionTerms, List<Candidate> candidates) {
        Map<String, Double> weights = new HashMap<>();
        for (String term : questionTerms) {
            long containing = candidates.stream().filter(c -> c.terms().contains(term)).count();
            if (containing > 0) {
                weights.put(term, Math.log(1.0 + (double) candidates.size() / containing));
            }
        }
        return weights;
    }

    private record Candidate(int passage, int position, QuotableUnits.Unit unit, Set<String> terms) {

        double score(Map<String, Double> weights) {
            double matches = terms.stream().mapToDouble(term -> weights.getOrDefault(term, 0.0)).sum();
            return matches / (1 + RANK_DISCOUNT * passage);
        }
    }
}
