package io.github.confluenceassistant.bench.eval;

import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.BenchOptions;
import io.github.confluenceassistant.bench.Database;
import io.github.confluenceassistant.bench.IndexCounts;
import io.github.confluenceassistant.bench.job.DatasetIndex;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.shared.chroma.CollectionNames;

import java.net.URI;
import java.util.List;

/**
 * {@code --index-database NAME}: an index an earlier {@code eval} built on the servers of {@code --postgres-url} and
 * {@code --chroma-url} (its JSON names the database in {@code index_database}), evaluated again without
 * re-ingesting. Makes trying retrieval changes on pubmedqa a matter of a minute instead of an ingestion; the
 * figures to report still come from a run that ingests.
 */
final class ExistingIndex {

    private ExistingIndex() {
    }

    static DatasetIndex open(BenchOptions options, BenchDataset dataset, String databaseName) {
        String postgresUrl = options.string("postgres-url").orElse(null);
        if (postgresUrl == null || options.string("chroma-url").isEmpty()) {
            throw new IllegalArgumentException("--index-database needs --postgres-url and --chroma-url: the servers the"
                    + " earlier eval wrote the index to");
        }
        if (!databaseName.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("--index-database is a database name such as bench_eval_1124093012_1, was '"
                    + databaseName + "'");
        }
        Database database = new Database(databaseName, withDatabase(postgresUrl, databaseName),
                options.string("postgres-user").orElse(EmbeddedPostgresServer.USER),
                options.string("postgres-password").orElse(EmbeddedPostgresServer.PASSWORD));
        String suffix = CollectionNames.forModel("", BenchEnvironment.embeddingModel());
        List<String> ready = database.jdbc().queryForList(
                "select name from assistant.ingest_collection where status = 'READY' and name like ?", String.class,
                "%" + suffix);
        if (ready.size() != 1) {
            throw new IllegalArgumentException(databaseName + " holds " + ready.size() + " READY collections of "
                    + BenchEnvironment.embeddingModel().id() + " (one expected): " + ready);
        }
        String collection = ready.getFirst();
        IndexCounts counts = IndexCounts.of(database.jdbc(), collection);
        if (counts.pages() != dataset.contentCount()) {
            throw new IllegalArgumentException(databaseName + " holds " + counts.pages() + " pages, " + dataset.name()
                    + " has " + dataset.contentCount() + ": an index of another dataset?");
        }
        String prefix = collection.substring(0, collection.length() - suffix.length());
        return new DatasetIndex(database, prefix, collection, counts);
    }

    static String withDatabase(String jdbcUrl, String database) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/" + database + query;
    }
}
