package io.github.confluenceassistant.chat.answer;

import io.github.confluenceassistant.chat.retrieval.Passage;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's answer against the passages it was given: a mark [n] (or [n, m]) naming no passage is
 * removed, and the answer's citations are exactly the passages it still cites.
 */
final class CitationChecker {

    private static final Pattern MARK = Pattern.compile("\\s*\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

    private CitationChecker() {
    }

    record Checked(String text, List<Citation> citations) {
    }

    static Checked check(String text, List<Passage> passages) {
        TreeSet<Integer> cited = new TreeSet<>();
        Matcher matcher = MARK.matcher(text);
        StringBuilder checked = new StringBuilder(text.length());
        while (matcher.find()) {
            List<Integer> valid = new ArrayList<>();
            for (String number : matcher.group(1).split(",")) {
                int n = Integer.parseInt(number.strip());
                if (n >= 1 && n <= passages.size() && !valid.contains(n)) {
                    valid.add(n);
                }
            }
            cited.addAll(valid);
            String leadingSpace = matcher.group().substring(0, matcher.group().indexOf('['));
            String replacement = valid.isEmpty() ? ""
                    : leadingSpace + String.join("", valid.stream().map(n -> "[" + n + "]").toList());
            matcher.appendReplacement(checked, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(checked);
        List<Citation> citations = cited.stream().map(n -> citation(n, passages.get(n - 1))).toList();
        return new Checked(checked.toString(), citations);
    }

    /** The citation numbered n for a passage. */
    static Citation citation(int n, Passage passage) {
        return new Citation(n, passage.snippetIds(), passage.pageId(), passage.pageVersion(), passage.spaceKey(),
                passage.title(), passage.breadcrumb(), passage.section(), passage.url(), passage.lastModified(),
                passage.text());
    }
}
