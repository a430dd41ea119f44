package io.github.confluenceassistant.bench.ingest;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;
import io.github.confluenceassistant.bench.metrics.Throughput;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import org.jsoup.Jsoup;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The baseline: what the LangChain4j tutorials do with the same pages. Body text by Jsoup's {@code text()} (no
 * structure, macros or code kept), {@code DocumentSplitters.recursive(350, 40)} counting BGE tokens, LangChain4j's
 * own {@link BgeSmallEnV15QuantizedEmbeddingModel}, {@link EmbeddingStoreIngestor} into a fresh Chroma collection.
 * Timed from the first document to the last write; loading the model is not timed (nor is it for the job).
 */
public final class NaiveIngestion {

    private NaiveIngestion() {
    }

    public static Throughput run(ConfluenceDataset dataset, TokenCountEstimator bgeTokens, ChromaProperties chroma,
                                 String collection) {
        List<Document> documents = documents(dataset);
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        model.embed("warm-up");
        AtomicLong segments = new AtomicLong();
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(350, 40, bgeTokens))
                .textSegmentTransformer(segment -> {
                    segments.incrementAndGet();
                    return segment;
                })
                .embeddingModel(model)
                .embeddingStore(ChromaEmbeddingStore.builder()
                        .apiVersion(ChromaApiVersion.V2)
                        .baseUrl(chroma.url())
                        .tenantName(chroma.tenant())
                        .databaseName(chroma.database())
                        .collectionName(collection)
                        .timeout(chroma.timeout())
                        .build())
                .build();
        long start = System.nanoTime();
        ingestor.ingest(documents);
        return new Throughput(segments.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** One document per page or blog post with a body: its storage body as plain text. */
    static List<Document> documents(ConfluenceDataset dataset) {
        List<Document> documents = new ArrayList<>();
        Stream.concat(dataset.pages().stream(), dataset.blogPosts().stream()).forEach(content -> {
            String text = Jsoup.parse(content.path("body").path("storage").path("value").asString("")).text();
            if (!text.isBlank()) {
                documents.add(Document.from(text, metadata(content)));
            }
        });
        return documents;
    }

    private static Metadata metadata(ObjectNode content) {
        return new Metadata()
                .put("page_id", content.path("id").asString())
                .put("title", content.path("title").asString());
    }
}
