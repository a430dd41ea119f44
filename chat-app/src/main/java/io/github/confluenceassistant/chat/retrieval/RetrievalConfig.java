package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import io.github.confluenceassistant.shared.chroma.ChromaProperties;
import io.github.confluenceassistant.shared.embedding.ConfiguredEmbeddingModel;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelFactory;
import io.github.confluenceassistant.shared.embedding.EmbeddingProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import java.time.Clock;

/** The retrieval pipeline, on the same embedding model and collection naming as the ingestion job. */
@Configuration(proxyBeanMethods = false)
class RetrievalConfig {

    @Bean
    ConfiguredEmbeddingModel embeddingModel(EmbeddingProperties properties) {
        return EmbeddingModelFactory.create(properties);
    }

    @Bean
    ChromaCollections chromaCollections(WebClient.Builder webClient, ChromaProperties chroma) {
        return new ChromaCollections(webClient, chroma);
    }

    @Bean
    ReadyCollectionLocator readyCollectionLocator(DatabaseClient database, ChromaCollections collections,
                                                  ChromaProperties chroma, ConfiguredEmbeddingModel embedding) {
        return new ReadyCollectionLocator(database, collections, chroma, embedding.identity());
    }

    @Bean
    SnippetRetriever snippetRetriever(ReadyCollectionLocator collections, ConfiguredEmbeddingModel embedding,
                                      DatabaseClient database, RetrievalProperties properties,
                                      ChromaCollections chroma) {
        return new SnippetRetriever(collections, embedding.model(), new VectorSearch(chroma, new SnippetRows(database)),
                new KeywordSearch(database, properties), properties, Clock.systemUTC());
    }

    /** {@code assistant_query_embedding_cache_hits_total} and {@code _misses_total} on /actuator/prometheus. */
    @Bean
    MeterBinder queryEmbeddingCacheMetrics(SnippetRetriever retriever) {
        return registry -> {
            FunctionCounter.builder("assistant.query.embedding.cache.hits", retriever.queryEmbeddings(),
                    QueryEmbeddingCache::hits).description("queries whose vector was remembered").register(registry);
            FunctionCounter.builder("assistant.query.embedding.cache.misses", retriever.queryEmbeddings(),
                    QueryEmbeddingCache::misses).description("queries embedded by the model").register(registry);
        };
    }
}
