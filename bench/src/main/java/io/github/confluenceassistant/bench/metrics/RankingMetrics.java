package io.github.confluenceassistant.bench.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Page-level retrieval measures, averaged over questions (shared/datasets/README.md, "Measures to report"). A
 * ranking may name a page several times (one page, several passages); it is first reduced to its distinct
 * pages, best first, so hit@k means "a relevant page among the top k distinct pages". Questions without a
 * relevant page are not counted: they measure abstention, not ranking.
 */
public final class RankingMetrics {

    private int questions;
    private double hitAt1;
    private double hitAt5;
    private double recallAt5;
    private double reciprocalRankAt10;

    /** Adds one question's ranking (page ids, best first) and its relevant pages; ignored when none is relevant. */
    public void add(List<String> rankedPageIds, Collection<String> relevantPageIds) {
        if (relevantPageIds.isEmpty()) {
            return;
        }
        List<String> ranking = distinct(rankedPageIds);
        Set<String> relevant = Set.copyOf(relevantPageIds);
        questions++;
        hitAt1 += hitAt(ranking, relevant, 1);
        hitAt5 += hitAt(ranking, relevant, 5);
        recallAt5 += recallAt(ranking, relevant, 5);
        reciprocalRankAt10 += reciprocalRankAt(ranking, relevant, 10);
    }

    /** Questions counted (with at least one relevant page). */
    public int questions() {
        return questions;
    }

    public double hitAt1() {
        return mean(hitAt1);
    }

    public double hitAt5() {
        return mean(hitAt5);
    }

    public double recallAt5() {
        return mean(recallAt5);
    }

    public double mrrAt10() {
        return mean(reciprocalRankAt10);
    }

    private double mean(double sum) {
        return questions == 0 ? Double.NaN : sum / questions;
    }

    /** The distinct pages of a ranking, in the order they first appear. */
    public static List<String> distinct(List<String> rankedPageIds) {
        return new ArrayList<>(new LinkedHashSet<>(rankedPageIds));
    }

    /** 1 when a relevant page is among the first k distinct pages, else 0. */
    static double hitAt(List<String> distinctRanking, Set<String> relevant, int k) {
        return top(distinctRanking, k).stream().anyMatch(relevant::contains) ? 1 : 0;
    }

    /** The share of the relevant pages found among the first k distinct pages. */
    static double recallAt(List<String> distinctRanking, Set<String> relevant, int k) {
        long found = top(distinctRanking, k).stream().filter(relevant::contains).count();
        return (double) found / relevant.size();
    }

    /** 1 / rank of the first relevant page among the first k distinct pages, 0 when none is there. */
    static double reciprocalRankAt(List<String> distinctRanking, Set<String> relevant, int k) {
        List<String> top = top(distinctRanking, k);
        for (int i = 0; i < top.size(); i++) {
            if (relevant.contains(top.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static List<String> top(List<String> ranking, int k) {
        return ranking.subList(0, Math.min(k, ranking.size()));
    }
}
