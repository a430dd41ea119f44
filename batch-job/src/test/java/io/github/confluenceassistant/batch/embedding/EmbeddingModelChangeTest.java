package io.github.confluenceassistant.batch.embedding;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.confluenceassistant.batch.job.IndexSnapshot;
import io.github.confluenceassistant.batch.job.JobHarness;
import io.github.confluenceassistant.localstack.airbyte.AirbyteLayout;
import io.github.confluenceassistant.localstack.airbyte.AirbyteTableWriter;
import io.github.confluenceassistant.localstack.airbyte.BodyMode;
import io.github.confluenceassistant.localstack.airbyte.SyncMode;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import io.github.confluenceassistant.shared.chroma.ChromaCollections;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching to another embedding model builds a new collection, named after the model, beside the old one: it is
 * registered BUILDING while it fills and READY when the run completes, so the chat app never reads it half-built,
 * and the old collection stays as it was. The second model is an OpenAI-compatible endpoint (WireMock answering
 * {@code /v1/embeddings} with deterministic 8-dimensional vectors, after one 429), which also exercises that path.
 */
class EmbeddingModelChangeTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String API_KEY = "sk-test-not-a-real-key";

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void anotherModelFillsANewCollectionBuildingThenReadyAndLeavesTheOldOneAlone() throws Exception {
        ConfluenceDataset demo = ConfluenceDataset.demoSpace();
        int pages = demo.pages().size() + demo.blogPosts().size();
        String database = infra.newDatabase("model_change");
        new AirbyteTableWriter(infra.postgres().dataSource(database), "confluence", "", AirbyteLayout.CONNECTOR_1X_FINAL,
                SyncMode.OVERWRITE_DEDUPED, BodyMode.PRESENT).write(demo, 1);
        JdbcTemplate jdbc = new JdbcTemplate(infra.postgres().dataSource(database));
        Map<String, Object> properties = JobHarness.baseProperties(infra, database, infra.uniqueName("model"));

        String oldCollection;
        IndexSnapshot oldIndex;
        try (JobHarness bge = JobHarness.start(properties)) {
            assertThat(bge.run().getStatus()).isEqualTo(BatchStatus.COMPLETED);
            oldCollection = bge.collection();
            oldIndex = bge.index().assertChromaAgreesWithStateTable();
        }
        Map<String, Object> oldRegistration = registration(jdbc, oldCollection);
        assertThat(oldRegistration).containsEntry("status", "READY")
                .containsEntry("model_id", "bge_small_in_process/bge-small-en-v1.5-q/384");

        WireMockServer openAi = new WireMockServer(options().dynamicPort().extensions(new FakeEmbeddings()));
        openAi.start();
        try {
            stubEmbeddingsAfterOneRateLimit(openAi);
            properties.put("assistant.embedding.provider", "OPENAI");
            properties.put("assistant.embedding.base-url", openAi.baseUrl() + "/v1");
            properties.put("assistant.embedding.api-key", API_KEY);
            properties.put("assistant.embedding.model-name", "fake-embed");
            properties.put("assistant.embedding.dimensions", "8");
            try (JobHarness fake = JobHarness.start(properties)) {
                String newCollection = fake.collection();
                assertThat(newCollection).as("named after the model").endsWith("-fake-embed-8").isNotEqualTo(oldCollection);

                CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(fake::run);
                String statusWhileRunning = awaitRegistration(jdbc, newCollection);
                JobExecution execution = run.get();

                assertThat(statusWhileRunning).isEqualTo("BUILDING");
                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                assertThat(registration(jdbc, newCollection)).containsEntry("status", "READY")
                        .containsEntry("model_id", "openai/fake-embed/8").extractingByKey("ready_at").isNotNull();
                IndexSnapshot newIndex = fake.index().assertChromaAgreesWithStateTable();
                assertThat(newIndex.pageIds()).hasSize(pages);
                ChromaCollections chroma = fake.bean(ChromaCollections.class);
                assertThat(chroma.find(newCollection).orElseThrow().model()).hasValueSatisfying(model ->
                        assertThat(model.id()).isEqualTo("openai/fake-embed/8"));

                assertThat(registration(jdbc, oldCollection)).as("the old collection's registration")
                        .isEqualTo(oldRegistration);
                assertThat(new HashSet<>(IndexSnapshot.chromaIds(fake, oldCollection))).as("the old collection in Chroma")
                        .isEqualTo(new HashSet<>(oldIndex.chromaIds()));
                assertThat(jdbc.queryForObject("select count(*) from assistant.ingest_page_state where collection = ?",
                        Integer.class, oldCollection)).isEqualTo(pages);
            }
            openAi.verify(postRequestedFor(urlPathEqualTo("/v1/embeddings"))
                    .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
            assertThat(openAi.getAllServeEvents()).as("the 429 and then the batches")
                    .anySatisfy(event -> assertThat(event.getResponse().getStatus()).isEqualTo(429))
                    .anySatisfy(event -> assertThat(event.getResponse().getStatus()).isEqualTo(200));
            var limited = openAi.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 429)
                    .findFirst().orElseThrow();
            var retried = openAi.getAllServeEvents().stream()
                    .filter(e -> e.getResponse().getStatus() == 200)
                    .filter(e -> e.getRequest().getBodyAsString().equals(limited.getRequest().getBodyAsString()))
                    .findFirst().orElseThrow();
            assertThat(retried.getRequest().getLoggedDate().getTime() - limited.getRequest().getLoggedDate().getTime())
                    .as("the rate-limited batch is sent again after the 3 s Retry-After asked for (our own backoff "
                            + "would start at 1 s)").isGreaterThanOrEqualTo(2900);
        } finally {
            openAi.stop();
        }
    }

    private static void stubEmbeddingsAfterOneRateLimit(WireMockServer openAi) {
        // one transformer decides, so that requests sent at once cannot race a scenario's state change
        openAi.stubFor(post(urlPathEqualTo("/v1/embeddings")).willReturn(aResponse().withTransformers(FakeEmbeddings.NAME)));
    }

    private static Map<String, Object> registration(JdbcTemplate jdbc, String collection) {
        return jdbc.queryForMap("select model_id, status, created_at, ready_at from assistant.ingest_collection "
                + "where name = ?", collection);
    }

    /** The status of the collection when the run first registers it. */
    private static String awaitRegistration(JdbcTemplate jdbc, String collection) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            var status = jdbc.queryForList("select status from assistant.ingest_collection where name = ?",
                    String.class, collection);
            if (!status.isEmpty()) {
                return status.getFirst();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("collection " + collection + " was never registered");
    }

    /**
     * OpenAI's embeddings response for every input text: an 8-dimensional vector derived from the text's SHA-256,
     * so equal texts get equal vectors and no vector is zero.
     */
    static final class FakeEmbeddings implements ResponseDefinitionTransformerV2 {

        static final String NAME = "fake-embeddings";
        private final java.util.concurrent.atomic.AtomicBoolean rateLimited = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            if (rateLimited.compareAndSet(false, true)) {
                return new ResponseDefinitionBuilder().withStatus(429).withHeader("Retry-After", "3")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                + "\"code\":\"rate_limit_exceeded\"}}").build();
            }
            JsonNode request = JSON.readTree(serveEvent.getRequest().getBodyAsString());
            ObjectNode response = JSON.createObjectNode();
            response.put("object", "list");
            ArrayNode data = response.putArray("data");
            int tokens = 0;
            JsonNode input = request.path("input");
            for (int i = 0; i < input.size(); i++) {
                String text = input.get(i).asString();
                tokens += text.length() / 4 + 1;
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", i);
                ArrayNode vector = item.putArray("embedding");
                for (float value : vectorOf(text)) {
                    vector.add(value);
                }
            }
            response.put("model", request.path("model").asString());
            response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(response)).build();
        }

        private static float[] vectorOf(String text) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                float[] vector = new float[8];
                double norm = 0;
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (hash[i] & 0xFF) / 255f - 0.5f + (i == 0 ? 1f : 0f);
                    norm += vector[i] * vector[i];
                }
                for (int i = 0; i < vector.length; i++) {
                    vector[i] /= (float) Math.sqrt(norm);
                }
                return vector;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
