package io.github.confluenceassistant.k8s;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/secrets holds templates only: every secret value is a placeholder, never a real credential. */
class SecretTemplatesTest {

    private final SecretTemplates templates = new RenderedOverlays().secretTemplates();

    @Test
    void everySecretValueIsAPlaceholder() {
        templates.all().forEach((secret, values) -> values.forEach((key, value) -> {
            if (ManifestRules.looksLikeSecretKey(key)) {
                assertThat(value).as(secret + " " + key).contains("REPLACE_ME");
            }
            assertThat(ManifestRules.looksLikeSecretValue(value) && !value.contains("REPLACE_ME")).as(secret + " " + key).isFalse();
        }));
    }

    @Test
    void templatesCoverDatabaseAirbyteConfluenceModelKeysAndUsers() {
        assertThat(templates.all()).containsOnlyKeys(
                "assistant-db", "assistant-ingestion-credentials", "assistant-model-keys", "chat-app-users");
        Map<String, Map<String, String>> all = templates.all();
        assertThat(all.get("assistant-db")).containsKeys("ASSISTANT_DB_URL", "ASSISTANT_DB_USER", "ASSISTANT_DB_PASSWORD");
        assertThat(all.get("assistant-ingestion-credentials")).containsKeys(
                "ASSISTANT_AIRBYTE_CLIENT_SECRET", "ASSISTANT_CONFLUENCE_API_TOKEN");
        assertThat(all.get("assistant-model-keys")).containsKeys("ASSISTANT_EMBEDDING_API_KEY", "ASSISTANT_CHAT_MODEL_API_KEY");
    }
}
