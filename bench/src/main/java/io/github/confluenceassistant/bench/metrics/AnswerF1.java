package io.github.confluenceassistant.bench.metrics;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Token-overlap F1 of an answer against a reference answer, as SQuAD scores it: both lower-cased, citation marks
 * ({@code [1]}), punctuation and the articles a/an/the removed, split on white space; precision and recall count
 * the shared tokens with their multiplicity.
 */
public final class AnswerF1 {

    private static final Set<String> ARTICLES = Set.of("a", "an", "the");

    private double sum;
    private int answers;

    /** Adds one scored answer to the mean. */
    public void add(String answer, String reference) {
        sum += score(answer, reference);
        answers++;
    }

    public int answers() {
        return answers;
    }

    public double mean() {
        return answers == 0 ? Double.NaN : sum / answers;
    }

    public static double score(String answer, String reference) {
        List<String> predicted = tokens(answer);
        List<String> expected = tokens(reference);
        if (predicted.isEmpty() || expected.isEmpty()) {
            return predicted.isEmpty() && expected.isEmpty() ? 1 : 0;
        }
        Map<String, Integer> remaining = new HashMap<>();
        expected.forEach(token -> remaining.merge(token, 1, Integer::sum));
        int shared = 0;
        for (String token : predicted) {
            Integer left = remaining.get(token);
            if (left != null && left > 0) {
                remaining.put(token, left - 1);
                shared++;
            }
        }
        if (shared == 0) {
            return 0;
        }
        double precision = (double) shared / predicted.size();
        double recall = (double) shared / expected.size();
        return 2 * precision * recall / (precision + recall);
    }

    static List<String> tokens(String text) {
        if (text == null) {
            return List.of();
        }
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\[\\d+]", " ")
                .replaceAll("[\\p{Punct}\\p{IsPunctuation}]", " ");
        List<String> tokens = new ArrayList<>();
        for (String token : normalized.split("\\s+")) {
            if (!token.isEmpty() && !ARTICLES.contains(token)) {
                tokens.add(token);
            }
        }
        return tokens;
    }
}
