package io.github.confluenceassistant.bench.eval;

import io.github.confluenceassistant.bench.BenchCommand;
import io.github.confluenceassistant.bench.BenchDataset;
import io.github.confluenceassistant.bench.BenchEnvironment;
import io.github.confluenceassistant.bench.BenchJson;
import io.github.confluenceassistant.bench.BenchOptions;
import io.github.confluenceassistant.bench.MachineInfo;
import io.github.confluenceassistant.bench.Progress;
import io.github.confluenceassistant.bench.chat.ChatServices;
import io.github.confluenceassistant.bench.chat.RetrievalRecorder.TimedRetrieval;
import io.github.confluenceassistant.bench.job.DatasetIndex;
import io.github.confluenceassistant.chat.answer.Answer;
import io.github.confluenceassistant.chat.answer.AnswerService;
import io.github.confluenceassistant.chat.answer.Question;
import io.github.confluenceassistant.chat.answer.Turn;
import io.github.confluenceassistant.chat.retrieval.RetrievalMode;
import io.github.confluenceassistant.localstack.dataset.DatasetQuestion;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval}: ingests the dataset with the real job, then asks every question of {@code questions.jsonl} (with
 * its conversation) through the chat app's own retrieval and answer services, in this JVM, one mode at a time.
 *
 * <p>For trying retrieval changes fast: against running servers ({@code --postgres-url}, {@code --chroma-url}) the
 * index stays, and {@code --index-database NAME} evaluates it again without ingesting (see {@link ExistingIndex});
 * {@code --set KEY=VALUE,…} overrides chat-app settings for the run and is listed in the JSON.
 */
public final class EvalCommand implements BenchCommand {

    /** Questions asked once before measuring, so the first measured one does not pay for class loading and JIT. */
    static final int WARM_UP_QUESTIONS = 3;

    @Override
    public Set<String> options() {
        return Set.of("dataset", "k", "mode", "all-modes", "llm-base-url", "llm-model", "index-database", "set");
    }

    @Override
    public ObjectNode run(BenchOptions options, Progress progress) {
        BenchDataset dataset = BenchDataset.required(options);
        int k = options.integer("k", 10);
        if (k < 1 || k > 50) {
            throw new IllegalArgumentException("--k must lie in 1..50 (the chat app's assistant.retrieval.top-k), was " + k);
        }
        List<RetrievalMode> modes = options.flag("all-modes")
                ? List.of(RetrievalMode.VECTOR, RetrievalMode.KEYWORD, RetrievalMode.HYBRID)
                : List.of(mode(options.string("mode").orElse("hybrid")));
        Map<String, String> llm = llmSettings(options);
        Map<String, String> overrides = options.settingOverrides();
        if (dataset.data().questions().isEmpty()) {
            throw new IllegalArgumentException(dataset.name() + " has no questions.jsonl");
        }
        try (BenchEnvironment env = BenchEnvironment.start(options, progress)) {
            DatasetIndex index = options.string("index-database")
                    .map(name -> ExistingIndex.open(options, dataset, name))
                    .orElseGet(() -> DatasetIndex.ingest(env, dataset, "eval"));
            Map<RetrievalMode, ModeEvaluation> results = new LinkedHashMap<>();
            for (RetrievalMode mode : modes) {
                Map<String, String> settings = new LinkedHashMap<>(llm.isEmpty()
                        ? Map.of("assistant.chat-model.base-url", "") // extractive, whatever the environment says
                        : llm);
                settings.putAll(feedbackTableSettings(index));
                settings.put("assistant.retrieval.mode", mode.name());
                settings.put("assistant.retrieval.top-k", Integer.toString(k));
                settings.putAll(overrides);
                progress.say("Mode " + mode + ": starting the chat app's services…");
                try (ChatServices chat = ChatServices.start(index.database(), env.chromaUrl(), index.collectionPrefix(),
                        settings)) {
                    results.put(mode, evaluate(chat, dataset.data().questions(), !llm.isEmpty(), progress));
                }
                progress.say("Mode " + mode + ": mrr@10 " + String.format("%.3f", results.get(mode).mrrAt10()));
            }
            ObjectNode result = json(dataset, k, results, llm);
            result.put("index_database", index.database().name());
            if (!overrides.isEmpty()) {
                ObjectNode settings = result.putObject("settings");
                overrides.forEach(settings::put);
            }
            env.succeeded();
            return result;
        }
    }

    static ModeEvaluation evaluate(ChatServices chat, List<DatasetQuestion> questions, boolean scoreAnswers,
                                   Progress progress) {
        AnswerService answers = chat.answers();
        questions.stream().limit(WARM_UP_QUESTIONS).forEach(q -> answers.answer(question(q), ChatServices.READS_EVERYTHING));
        ModeEvaluation evaluation = new ModeEvaluation(scoreAnswers);
        for (DatasetQuestion q : questions) {
            chat.recorder().takeLast();
            try {
                Answer answer = answers.answer(question(q), ChatServices.READS_EVERYTHING);
                TimedRetrieval retrieval = chat.recorder().takeLast()
                        .orElseThrow(() -> new IllegalStateException("the answer service did not retrieve"));
                evaluation.add(q, answer, retrieval);
            } catch (RuntimeException e) {
                progress.say("Question " + q.id() + " failed: " + e.getMessage());
                evaluation.failed(q);
            }
            if (evaluation.questions() % 50 == 0) {
                progress.say("  " + evaluation.questions() + " / " + questions.size() + " questions");
            }
        }
        return evaluation;
    }

    static Question question(DatasetQuestion q) {
        List<Turn> turns = q.conversation().stream().map(t -> new Turn(t.speaker(), t.text())).toList();
        return new Question(q.question(), List.of(), turns);
    }

    private static ObjectNode json(BenchDataset dataset, int k, Map<RetrievalMode, ModeEvaluation> results,
                                   Map<String, String> llm) {
        ObjectNode result = BenchJson.result("eval");
        result.put("dataset", dataset.name());
        if (results.size() == 1) {
            RetrievalMode mode = results.keySet().iterator().next();
            result.put("mode", name(mode));
            result.put("k", k);
            result.setAll(results.get(mode).json());
        } else {
            result.put("k", k);
            ModeEvaluation any = results.values().iterator().next();
            result.put("questions", any.questions());
            result.put("answerable", any.answerable());
            ObjectNode modes = result.putObject("modes");
            results.forEach((mode, evaluation) -> modes.set(name(mode), evaluation.json()));
            double hybrid = results.get(RetrievalMode.HYBRID).mrrAt10();
            result.put("hybrid_beats_both_on_mrr", hybrid > results.get(RetrievalMode.VECTOR).mrrAt10()
                    && hybrid > results.get(RetrievalMode.KEYWORD).mrrAt10());
        }
        result.put("answers", llm.isEmpty() ? "extractive" : "llm");
        if (!llm.isEmpty()) {
            result.put("llm_model", llm.get("assistant.chat-model.model-name"));
        }
        result.put("embedding_model", BenchEnvironment.embeddingModel().id());
        result.set("machine", MachineInfo.json());
        return result;
    }

    /**
     * The chat app migrates its own table (feedback) with Flyway over JDBC on the index's database: without these it
     * would look for PostgreSQL on localhost:5432.
     */
    private static Map<String, String> feedbackTableSettings(DatasetIndex index) {
        return Map.of("spring.datasource.url", index.database().jdbcUrl(),
                "spring.datasource.username", index.database().user(),
                "spring.datasource.password", index.database().password());
    }

    /** The chat model settings from --llm-base-url, --llm-model and OPENAI_API_KEY; empty for extractive answers. */
    private static Map<String, String> llmSettings(BenchOptions options) {
        Map<String, String> settings = new LinkedHashMap<>();
        options.string("llm-base-url").ifPresent(url -> {
            settings.put("assistant.chat-model.base-url", url);
            settings.put("assistant.chat-model.model-name", options.required("llm-model"));
            String key = System.getenv("OPENAI_API_KEY");
            if (key != null && !key.isBlank()) {
                settings.put("assistant.chat-model.api-key", key);
            }
        });
        return settings;
    }

    private static RetrievalMode mode(String name) {
        try {
            return RetrievalMode.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode is vector, keyword or hybrid, was '" + name + "'");
        }
    }

    private static String name(RetrievalMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
