package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.shared.chroma.CollectionNames;
import io.github.confluenceassistant.shared.embedding.EmbeddingModelIdentity;
import io.github.confluenceassistant.shared.embedding.EmbeddingProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.confluenceassistant.chat.retrieval.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up check: which collection the app reads, and when it refuses to start. */
class ReadyCollectionLocatorTest {

    private static final EmbeddingModelIdentity OPENAI_SMALL =
            new EmbeddingModelIdentity(EmbeddingProvider.OPENAI, "text-embedding-3-small", 1536);

    @Test
    void findsTheReadyCollectionOfTheConfiguredModel() {
        FixtureIndex index = FixtureIndex.of("locator_ready", List.of(snippet("1", "", 0, "text")));

        ReadyCollectionLocator locator = locator(index);
        locator.afterPropertiesSet();

        assertThat(locator.current()).map(ReadyCollection::name).contains(index.collection());
    }

    @Test
    void anIndexBuiltByAnotherModelFailsStartUpNamingThatModelAndWhatToSet() {
        FixtureIndex index = FixtureIndex.emptyDatabase("locator_other_model");
        index.migrate();
        index.register(CollectionNames.forModel(index.collectionPrefix(), OPENAI_SMALL), OPENAI_SMALL, "READY");

        assertThatThrownBy(locator(index)::afterPropertiesSet)
                .isInstanceOf(EmbeddingModelMismatchException.class)
                .hasMessageContaining("built with the embedding model text-embedding-3-small (openai, 1536 dimensions)")
                .hasMessageContaining("configured for bge-small-en-v1.5-q")
                .hasMessageContaining("assistant.embedding.provider=OPENAI")
                .hasMessageContaining("assistant.embedding.model-name=text-embedding-3-small")
                .hasMessageContaining("ASSISTANT_EMBEDDING_PROVIDER");
    }

    @Test
    void aChromaCollectionWhoseMetadataNamesAnotherModelFailsStartUp() {
        FixtureIndex index = FixtureIndex.emptyDatabase("locator_metadata");
        index.migrate();
        EmbeddingModelIdentity configured = TestIndexes.embeddingModel().identity();
        String name = CollectionNames.forModel(index.collectionPrefix(), configured);
        index.register(name, configured, "READY");
        index.createChromaCollection(name, OPENAI_SMALL);

        assertThatThrownBy(locator(index)::afterPropertiesSet)
                .isInstanceOf(EmbeddingModelMismatchException.class)
                .hasMessageContaining("'" + name + "') was built with the embedding model text-embedding-3-small");
    }

    @Test
    void withoutAnIndexTheAppStartsAndFindsTheCollectionOnceTheJobHasBuiltIt() {
        FixtureIndex never = FixtureIndex.emptyDatabase("locator_empty");
        ReadyCollectionLocator locator = locator(never);

        locator.afterPropertiesSet(); // no tables at all: the job never ran
        assertThat(locator.current()).isEmpty();

        never.migrate();
        EmbeddingModelIdentity configured = TestIndexes.embeddingModel().identity();
        String name = CollectionNames.forModel(never.collectionPrefix(), configured);
        never.register(name, configured, "BUILDING");
        assertThat(locator.current()).as("a collection still building is not read").isEmpty();

        never.createChromaCollection(name, configured);
        never.markReady(name);
        assertThat(locator.current()).map(ReadyCollection::name).contains(name);
    }

    private static ReadyCollectionLocator locator(FixtureIndex index) {
        return TestIndexes.locator(index.database(), index.chromaUrl(), index.collectionPrefix());
    }
}
