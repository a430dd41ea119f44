package io.github.confluenceassistant.bench.eval;

import io.github.confluenceassistant.bench.BenchOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalCommandTest {

    @Test
    void setOverridesChatAppSettingsForOneRun() {
        BenchOptions options = BenchOptions.parse(new String[]{"eval", "--set",
                "assistant.retrieval.rrf-k=60, assistant.answer.max-quoted-sentences=3"});

        assertThat(options.settingOverrides()).containsExactly(
                java.util.Map.entry("assistant.retrieval.rrf-k", "60"),
                java.util.Map.entry("assistant.answer.max-quoted-sentences", "3"));
    }

    @Test
    void setTakesNeitherOtherPropertiesNorTheChatModel() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"eval", "--set", "spring.r2dbc.url=x"}).settingOverrides())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assistant.*");
        assertThatThrownBy(() -> BenchOptions.parse(
                new String[]{"eval", "--set", "assistant.chat-model.base-url=http://x"}).settingOverrides())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--llm-base-url");
    }

    @Test
    void anExistingIndexIsReadFromItsOwnDatabaseOnTheSameServer() {
        assertThat(ExistingIndex.withDatabase("jdbc:postgresql://db.internal:5432/postgres?ssl=true", "bench_eval_1_1"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/bench_eval_1_1?ssl=true");
    }

    @Test
    void anExistingIndexNeedsTheServersItWasWrittenTo() {
        BenchOptions options = BenchOptions.parse(new String[]{"eval", "--index-database", "bench_eval_1_1"});

        assertThatThrownBy(() -> ExistingIndex.open(options, null, "bench_eval_1_1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--postgres-url and --chroma-url");
    }
}
