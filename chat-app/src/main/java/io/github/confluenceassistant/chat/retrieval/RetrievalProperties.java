package io.github.confluenceassistant.chat.retrieval;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How passages are found ({@code assistant.retrieval.*}). The floors decide when the index holds nothing
 * relevant; see {@link RelevanceFloor} for how their defaults were calibrated.
 *
 * @param mode                default search mode (a caller such as the benchmark may pick another per call)
 * @param topK                passages handed to the answer
 * @param candidates          snippets each search returns before fusion
 * @param rrfK                the k of reciprocal rank fusion, 1 / (k + rank): 1 puts the weight on each search's
 *                            top hits (calibrated, see {@link ReciprocalRankFusion}; 60, the usual choice for
 *                            fusing many deep rankings, let hybrid fall behind vector search alone)
 * @param maxSnippetsPerPage  snippets one page may contribute, so one long page cannot crowd out the others
 * @param recencyBoost        favour recently modified pages (off: an old page is not less true)
 * @param recencyHalfLife     age at which the recency boost has halved
 * @param recencyWeight       the boost of a page modified just now: its fused score times (1 + weight)
 * @param minSimilarity       cosine similarity the best vector match must reach (VECTOR and HYBRID)
 * @param minKeywordMatch     share of the question's words the best keyword match must contain (KEYWORD)
 * @param keywordCommonTermShare       a word in more than this share of the indexed snippets is common: it ranks
 *                                     keyword candidates but does not make one (see {@link KeywordSearch})
 * @param keywordCommonTermMinSnippets ... unless it is in fewer snippets than this (so a small index has no
 *                                     common words)
 * @param keywordRerankPool           keyword candidates, per snippet returned, that ts_rank_cd ranks again after
 *                                     ts_rank has ranked them all (0: ts_rank alone; see {@link KeywordSearch})
 * @param queryEmbeddingCacheSize      vectors of recent distinct queries kept, so a question asked again is not
 *                                     embedded again (0: off; see {@link QueryEmbeddingCache})
 */
@Validated
@ConfigurationProperties("assistant.retrieval")
public record RetrievalProperties(
        @NotNull @DefaultValue("HYBRID") RetrievalMode mode,
        @Min(1) @Max(50) @DefaultValue("8") int topK,
        @Min(1) @Max(200) @DefaultValue("30") int candidates,
        @Min(1) @DefaultValue(ReciprocalRankFusion.DEFAULT_K) int rrfK,
        @Min(1) @DefaultValue("2") int maxSnippetsPerPage,
        @DefaultValue("false") boolean recencyBoost,
        @NotNull @DefaultValue("180d") Duration recencyHalfLife,
        @DecimalMin("0.0") @DecimalMax("10.0") @DefaultValue("0.2") double recencyWeight,
        @DecimalMin("-1.0") @DecimalMax("1.0") @DefaultValue(RelevanceFloor.DEFAULT_MIN_SIMILARITY) double minSimilarity,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue(RelevanceFloor.DEFAULT_MIN_KEYWORD_MATCH) double minKeywordMatch,
        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.02") double keywordCommonTermShare,
        @Min(0) @DefaultValue("1000") int keywordCommonTermMinSnippets,
        @Min(0) @Max(10) @DefaultValue("3") int keywordRerankPool,
        @Min(0) @Max(1_000_000) @DefaultValue("10000") int queryEmbeddingCacheSize) {
}
