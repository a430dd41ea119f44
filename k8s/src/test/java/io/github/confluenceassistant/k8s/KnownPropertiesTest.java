package io.github.confluenceassistant.k8s;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The set of settings each app reads, as derived from its source, and the relaxed-binding match. */
class KnownPropertiesTest {

    private final KnownProperties batchJob = KnownProperties.of(ProjectLayout.projectRoot(), "batch-job");
    private final KnownProperties chatApp = KnownProperties.of(ProjectLayout.projectRoot(), "chat-app");

    @Test
    void recordComponentsBecomeKebabCaseProperties() {
        assertThat(batchJob.properties()).contains(
                "assistant.ingestion.steps", "assistant.ingestion.chunk-size", "assistant.airbyte.client-secret",
                "assistant.airbyte.tables.stream-prefix", "assistant.confluence.personal-access-token",
                // shared-model's records belong to both apps
                "assistant.embedding.api-key", "assistant.chroma.collection-prefix");
        assertThat(chatApp.properties()).contains("assistant.chroma.url", "assistant.chat-model.api-key");
    }

    @Test
    void nestedRecordsInListsAreIndexed() {
        String record = """
                @ConfigurationProperties(prefix = "demo")
                public record DemoProperties(@NotNull @Valid List<User> users,
                        @Pattern(regexp = "\\\\{(a|b)}.+", message = "x, y") @DefaultValue("p,q") String mode,
                        Map<String, String> labels) {
                    public record User(@NotBlank String userName, @DefaultValue("USER") List<String> roles) {
                    }
                }
                """;

        assertThat(KnownProperties.fromJavaSource(record)).containsExactlyInAnyOrder(
                "demo.users[*].user-name", "demo.users[*].roles", "demo.users[*].roles[*]", "demo.mode", "demo.labels.*");
    }

    @Test
    void environmentVariablesBindByRelaxedRules() {
        assertThat(batchJob.accepts("ASSISTANT_INGESTION_CHUNK_SIZE")).isTrue();
        assertThat(batchJob.accepts("ASSISTANT_INGESTION_CHUNKSIZE")).as("dashes removed").isTrue();
        assertThat(batchJob.accepts("ASSISTANT_INGESTION_STEPS")).isTrue();
        assertThat(chatApp.accepts("ASSISTANT_SECURITY_USERS_0_PASSWORD")).isTrue();
        assertThat(chatApp.accepts("ASSISTANT_SECURITY_USERS_12_SPACES")).isTrue();
    }

    @Test
    void placeholdersOfApplicationPropertiesAreAccepted() {
        assertThat(batchJob.placeholders()).contains("ASSISTANT_DB_URL", "ASSISTANT_DB_USER", "ASSISTANT_DB_PASSWORD");
        assertThat(chatApp.accepts("ASSISTANT_DB_R2DBC_URL")).isTrue();
        assertThat(chatApp.accepts("ASSISTANT_CHAT_MODEL_NAME")).isTrue();
    }

    @Test
    void bootAndJvmVariablesAreAccepted() {
        assertThat(chatApp.accepts("MANAGEMENT_SERVER_PORT")).isTrue();
        assertThat(batchJob.accepts("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE")).isTrue();
        assertThat(batchJob.accepts("JAVA_TOOL_OPTIONS")).isTrue();
    }

    @Test
    void typosAndOtherAppsSettingsAreRejected() {
        assertThat(batchJob.accepts("ASSISTANT_INGESTION_STEP")).isFalse();
        assertThat(batchJob.accepts("ASSISTANT_CHUNK_SIZE")).isFalse();
        assertThat(batchJob.accepts("ASSISTANT_CHAT_MODEL_API_KEY")).as("the chat app's, not the job's").isFalse();
        assertThat(batchJob.accepts("ASSISTANT_DB_R2DBC_URL")).as("only the chat app reads it").isFalse();
        assertThat(chatApp.accepts("ASSISTANT_AIRBYTE_CLIENT_SECRET")).isFalse();
        assertThat(chatApp.accepts("ASSISTANT_SECURITY_USERS_PASSWORD")).as("index missing").isFalse();
    }
}
