package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.chat.answer.KeywordFollowUpRewriter;
import io.github.confluenceassistant.chat.answer.Question;
import io.github.confluenceassistant.chat.answer.Turn;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.snippet.Snippet;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Not a test: the measurement behind the hybrid fusion's k ({@link ReciprocalRankFusion}). Runs the vector and the
 * keyword search once per question of a dataset (follow-ups made standalone by the keyword rule, as the app
 * without a chat model; 30 candidates each, as the app), then replays fusion and passage assembly for each setting
 * and prints page-level hit@1, hit@5 and MRR@10 over the top 10 passages (as {@code bench eval --k 10}), and per
 * setting how many questions it ranks better and worse than vector search alone.
 *
 * <p>On a fresh ingestion: {@code ./mvnw -o -pl chat-app test -Dtest=HybridFusionCalibration
 * -Dcalibrate-fusion=mtrag-cloud -Dsurefire.failIfNoSpecifiedTests=false}. Or, without re-ingesting, on an index
 * {@code bench eval --postgres-url … --chroma-url …} left on running servers (its JSON names the database in
 * {@code index_database}): add {@code -Dcalibrate.postgres=jdbc:postgresql://localhost:PORT
 * -Dcalibrate.chroma=http://localhost:PORT -Dcalibrate.database=NAME}.
 */
@EnabledIfSystemProperty(named = "calibrate-fusion", matches = ".+")
class HybridFusionCalibration {

    private static final int TOP_K = 10;
    private static final int CANDIDATES = 30;
    private static final int MAX_SNIPPETS_PER_PAGE = 2;

    /** One question's candidate lists. */
    private record Searched(DatasetQuestion question, List<ScoredSnippet> vector, List<ScoredSnippet> keyword,
                            List<ScoredSnippet> idfKeyword) {
    }

    private record Index(DatabaseClient database, ReadyCollectionLocator locator, ChromaCollections chroma) {
    }

    @Test
    void printFusionCalibration() {
        String name = System.getProperty("calibrate-fusion");
        ConfluenceDataset dataset = name.equals("demo") ? ConfluenceDataset.demoSpace()
                : ConfluenceDataset.load(TestInfrastructure.dataset(name));
        Index index = index(name, dataset);
        ReadyCollection collection = index.locator().current().orElseThrow();
        KeywordSearch keywordSearch = new KeywordSearch(index.database(),
                TestIndexes.bind("assistant.retrieval", RetrievalProperties.class, Map.of()));
        VectorSearch vectorSearch = new VectorSearch(index.chroma(), new SnippetRows(index.database()));
        KeywordFollowUpRewriter rewriter = new KeywordFollowUpRewriter();

        List<Searched> searched = new ArrayList<>();
        for (DatasetQuestion q : dataset.questions()) {
            if (!q.answerable() || q.relevantPageIds().isEmpty()) {
                continue;
            }
            String query = rewriter.standalone(new Question(q.question(), List.of(),
                    q.conversation().stream().map(t -> new Turn(t.speaker(), t.text())).toList()));
            List<ScoredSnippet> vector = vectorSearch.snippets(collection, vectorSearch.nearest(collection,
                    TestIndexes.embeddingModel().model().embed(query).content(), SpaceScope.all(), CANDIDATES)).block();
            List<ScoredSnippet> keyword = keywordSearch.search(collection.name(), query, SpaceScope.all(), CANDIDATES)
                    .collectList().block();
            searched.add(new Searched(q, vector, keyword, idfKeyword(index.database(), collection.name(), query)));
        }
        System.out.printf("%s: %d answerable questions%n", name, searched.size());
        Map<String, Double> vectorOnly = report("vector only", searched, Searched::vector, Map.of());
        report("keyword only", searched, Searched::keyword, vectorOnly);
        for (int k : new int[]{1, 2, 3, 5, 10, 20, 60}) {
            for (double vectorWeight : new double[]{1, 1.25, 2, 3}) {
                report("k=%d vector weight %.2f".formatted(k, vectorWeight), searched,
                        s -> fuse(s.vector(), vectorWeight, s.keyword(), k), vectorOnly);
            }
        }
        int k = Integer.parseInt(ReciprocalRankFusion.DEFAULT_K);
        for (double floor : new double[]{0.3, 0.5, 0.75}) {
            report("k=%d keyword hits with >= %.2f of the words".formatted(k, floor), searched,
                    s -> fuse(s.vector(), 1, s.keyword().stream().filter(h -> h.score() >= floor).toList(), k), vectorOnly);
        }
        report("keyword by idf weight only", searched, Searched::idfKeyword, vectorOnly);
        report("k=%d, keyword by idf weight".formatted(k), searched, s -> fuse(s.vector(), 1, s.idfKeyword(), k), vectorOnly);
    }

    /** Weighted RRF; with weight 1 exactly the app's {@link ReciprocalRankFusion}. */
    private static List<ScoredSnippet> fuse(List<ScoredSnippet> vector, double vectorWeight, List<ScoredSnippet> keyword, int k) {
        if (vectorWeight == 1) {
            return ReciprocalRankFusion.fuse(List.of(vector, keyword), k);
        }
        Map<String, ScoredSnippet> snippets = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        for (int i = 0; i < vector.size(); i++) {
            snippets.putIfAbsent(vector.get(i).id(), vector.get(i));
            scores.merge(vector.get(i).id(), vectorWeight / (k + i + 1), Double::sum);
        }
        for (int i = 0; i < keyword.size(); i++) {
            snippets.putIfAbsent(keyword.get(i).id(), keyword.get(i));
            scores.merge(keyword.get(i).id(), 1.0 / (k + i + 1), Double::sum);
        }
        return snippets.values().stream()
                .map(s -> new ScoredSnippet(s.snippet(), scores.get(s.id())))
                .sorted(Comparator.comparingDouble(ScoredSnippet::score).reversed())
                .toList();
    }

    /** Prints the measures of one setting; returns each question's reciprocal rank. */
    private static Map<String, Double> report(String setting, List<Searched> searched,
                                              Function<Searched, List<ScoredSnippet>> ranking, Map<String, Double> baseline) {
        PassageAssembler assembler = new PassageAssembler(TOP_K, MAX_SNIPPETS_PER_PAGE);
        Map<String, Double> reciprocalRanks = new HashMap<>();
        double hit1 = 0;
        double hit5 = 0;
        for (Searched s : searched) {
            List<String> pages = new ArrayList<>(new LinkedHashSet<>(
                    assembler.assemble(ranking.apply(s)).stream().map(Passage::pageId).toList()));
            Set<String> relevant = Set.copyOf(s.question().relevantPageIds());
            double reciprocalRank = 0;
            for (int i = 0; i < Math.min(10, pages.size()); i++) {
                if (relevant.contains(pages.get(i))) {
                    reciprocalRank = 1.0 / (i + 1);
                    hit1 += i == 0 ? 1 : 0;
                    hit5 += i < 5 ? 1 : 0;
                    break;
                }
            }
            reciprocalRanks.put(s.question().id(), reciprocalRank);
        }
        int n = searched.size();
        double mrr = reciprocalRanks.values().stream().mapToDouble(Double::doubleValue).sum() / n;
        long better = baseline.isEmpty() ? 0 : reciprocalRanks.entrySet().stream().filter(e -> e.getValue() > baseline.get(e.getKey())).count();
        long worse = baseline.isEmpty() ? 0 : reciprocalRanks.entrySet().stream().filter(e -> e.getValue() < baseline.get(e.getKey())).count();
        System.out.printf("%-45s hit@1 %.3f  hit@5 %.3f  mrr@10 %.4f  vs vector: %d better, %d worse%n", setting,
                hit1 / n, hit5 / n, mrr, better, worse);
        return reciprocalRanks;
    }

    private static final Map<String, Long> COLLECTION_SIZES = new HashMap<>();

    /**
     * The alternative keyword ranking the calibration rejected: question words weighted by BM25's idf over the
     * collection's snippets, snippets ranked by the idf mass of the words they contain, then ts_rank_cd.
     */
    private static List<ScoredSnippet> idfKeyword(DatabaseClient database, String collection, String question) {
        List<String> words = QueryTerms.plainWords(question, 24);
        long n = COLLECTION_SIZES.computeIfAbsent(collection, c -> database.sql(
                        "select count(*) from assistant.ingest_snippet where collection = :c")
                .bind("c", c).map(row -> row.get(0, Long.class)).one().block());
        List<String> kept = new ArrayList<>();
        List<Double> idf = new ArrayList<>();
        for (String word : words) {
            long df = database.sql("select count(*) from assistant.ingest_snippet where collection = :c"
                            + " and tsv @@ plainto_tsquery('english', :w)")
                    .bind("c", collection).bind("w", word).map(row -> row.get(0, Long.class)).one().block();
            if (df > 0) {
                kept.add(word);
                idf.add(Math.log(1 + (n - df + 0.5) / (df + 0.5)));
            }
        }
        if (kept.isEmpty()) {
            return List.of();
        }
        StringBuilder weighted = new StringBuilder("(0");
        for (int i = 0; i < kept.size(); i++) {
            weighted.append(" + :idf").append(i).append(" * (s.tsv @@ plainto_tsquery('english', :w").append(i).append("))::int");
        }
        String sql = """
                select s.id, s.page_id, s.section, s.page_version, s.chunk_index, %s::float8 as weighted
                from assistant.ingest_snippet s, to_tsquery('english', :query) q
                where s.collection = :collection and s.tsv @@ q
                order by weighted desc, ts_rank_cd(s.tsv, q) desc, s.id limit :limit""".formatted(weighted.append(")"));
        DatabaseClient.GenericExecuteSpec spec = database.sql(sql).bind("query", String.join(" | ", kept))
                .bind("collection", collection).bind("limit", CANDIDATES);
        for (int i = 0; i < kept.size(); i++) {
            spec = spec.bind("w" + i, kept.get(i)).bind("idf" + i, idf.get(i));
        }
        return spec.map(row -> new ScoredSnippet(new Snippet(row.get("id", String.class), row.get("page_id", String.class),
                        "", "page", "", "", row.get("section", String.class), "", row.get("page_version", Integer.class),
                        Instant.EPOCH, row.get("chunk_index", Integer.class), ""), row.get("weighted", Double.class)))
                .all().collectList().block();
    }

    private static Index index(String name, ConfluenceDataset dataset) {
        String postgres = System.getProperty("calibrate.postgres");
        if (postgres == null) {
            IngestedIndex ingested = name.equals("demo") ? IngestedIndex.demoSpace() : IngestedIndex.ingest(dataset, "fusion");
            return new Index(TestIndexes.database(ingested.database()),
                    TestIndexes.locator(ingested.database(), ingested.chromaUrl(), ingested.collectionPrefix()),
                    new ChromaCollections(WebClient.builder(),
                            TestIndexes.chroma(ingested.chromaUrl(), ingested.collectionPrefix())));
        }
        String r2dbc = postgres.replaceFirst("^jdbc:", "r2dbc:").replaceAll("/+$", "") + "/"
                + System.getProperty("calibrate.database");
        DatabaseClient database = DatabaseClient.create(ConnectionFactories.get(ConnectionFactoryOptions.parse(r2dbc).mutate()
                .option(ConnectionFactoryOptions.USER, EmbeddedPostgresServer.USER)
                .option(ConnectionFactoryOptions.PASSWORD, EmbeddedPostgresServer.PASSWORD)
                .build()));
        String suffix = CollectionNames.forModel("", TestIndexes.embeddingModel().identity());
        String collection = database.sql("select name from assistant.ingest_collection where status = 'READY' and name like :suffix")
                .bind("suffix", "%" + suffix).map(row -> row.get("name", String.class)).one().block();
        String prefix = collection.substring(0, collection.length() - suffix.length());
        ChromaProperties chroma = TestIndexes.chroma(System.getProperty("calibrate.chroma"), prefix);
        ChromaCollections collections = new ChromaCollections(WebClient.builder(), chroma);
        return new Index(database, new ReadyCollectionLocator(database, collections, chroma,
                TestIndexes.embeddingModel().identity()), collections);
    }
}
