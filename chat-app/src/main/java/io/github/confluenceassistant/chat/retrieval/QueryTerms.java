package io.github.confluenceassistant.chat.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a question that carry its meaning: used for the keyword query, to score sentences for an
 * extractive answer and to carry a follow-up's subject over from the previous turn.
 */
public final class QueryTerms {

    /** English function words plus the verbs every question has ("how do I get", "what happens"). */
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
            "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "ever", "every",
            "few", "for", "from", "further", "get", "gets", "getting", "give", "go", "goes", "got", "had", "has",
            "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
            "its", "itself", "just", "know", "let", "like", "may", "me", "might", "more", "most", "must", "my",
            "need", "needs", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other",
            "our", "ours", "out", "over", "own", "please", "same", "shall", "she", "should", "so", "some", "such",
            "tell", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
            "those", "through", "to", "too", "under", "until", "up", "us", "very", "want", "was", "we", "were",
            "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
            "would", "you", "your", "yours", "yes", "okay", "ok", "thanks", "thank", "there's", "what's", "happens",
            "happen", "usually", "anything", "something", "way", "ways", "thing", "things");

    private QueryTerms() {
    }

    /**
     * Every word, lower-cased, in order: a run of letters and digits, with runs joined by single {@code -},
     * {@code _} or {@code .} ({@code payments-api}, {@code eu-west-1} and {@code v2.3} stay one word). A plain
     * scan rather than the pattern {@code [\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*}, which took a tenth of the chat
     * app's CPU under load; {@code QueryTermsTest} checks that both find the same words.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            int c = text.codePointAt(i);
            if (!isWordCharacter(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            i = endOfRun(text, i);
            while (i + 1 < length && isJoiner(text.charAt(i)) && isWordCharacter(text.codePointAt(i + 1))) {
                i = endOfRun(text, i + 1);
            }
            words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static int endOfRun(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!isWordCharacter(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        return i;
    }

    /** {@code \p{L}} or {@code \p{N}}. */
    private static boolean isWordCharacter(int c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static boolean isJoiner(char c) {
        return c == '-' || c == '_' || c == '.';
    }

    /** The words that are not stop words, once each, in order of first appearance. */
    public static List<String> keyTerms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : words(text)) {
            if (!STOP_WORDS.contains(word) && (word.length() > 1 || Character.isDigit(word.charAt(0)))) {
                terms.add(word);
            }
        }
        return List.copyOf(terms);
    }

    /** {@link #keyTerms} reduced to a crude stem, so "approvals" meets "approval" and "rolled" meets "roll". */
    public static Set<String> stems(String text) {
        Set<String> stems = new LinkedHashSet<>();
        for (String term : keyTerms(text)) {
            stems.add(stem(term));
        }
        return stems;
    }

    static String stem(String word) {
        if (word.length() <= 3 || !Character.isLetter(word.charAt(word.length() - 1))) {
            return word;
        }
        String stem = word;
        if (stem.endsWith("ies") && stem.length() > 4) {
            stem = stem.substring(0, stem.length() - 3) + "y";
        } else if (stem.endsWith("ing") && stem.length() >= 6) {
            stem = stem.substring(0, stem.length() - 3);
        } else if (stem.endsWith("ed") && stem.length() >= 5) {
            stem = stem.substring(0, stem.length() - 2);
        } else if (stem.endsWith("s") && !stem.endsWith("ss") && stem.length() >= 4) {
            stem = stem.substring(0, stem.length() - 1);
        }
        if (stem.endsWith("ion") && stem.length() >= 7) { // promotion, promoting, promote: promot
            stem = stem.substring(0, stem.length() - 3);
        }
        return stem.endsWith("e") && stem.length() > 3 ? stem.substring(0, stem.length() - 1) : stem;
    }

    /**
     * The key terms as the plain words PostgreSQL's parser makes of them ("eu-west-1" gives eu, west, 1), once
     * each, at most {@code maxWords}. Only letters and digits: user input can never form tsquery syntax.
     */
    public static List<String> plainWords(String text, int maxWords) {
        List<String> parts = new ArrayList<>();
        for (String term : keyTerms(text)) {
            for (String part : term.split("[-_.]")) {
                if (!part.isEmpty() && !parts.contains(part) && parts.size() < maxWords) {
                    parts.add(part);
                }
            }
        }
        return parts;
    }
}
