package io.github.confluenceassistant.chat.answer;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.confluenceassistant.chat.retrieval.SnippetRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryTemplate;

import java.util.Optional;

/** Extractive answers by default; written, cited answers when {@code assistant.chat-model.base-url} is set. */
@Configuration(proxyBeanMethods = false)
class AnswerConfig {

    private static final Logger log = LoggerFactory.getLogger(AnswerConfig.class);

    @Bean
    GroundedAnswerService answerService(SnippetRetriever retriever, ChatModelProperties chat, AnswerProperties answers) {
        ExtractiveAnswerer extractive = new ExtractiveAnswerer(answers.maxQuotedSentences());
        FollowUpRewriter keywordRule = new KeywordFollowUpRewriter();
        if (!chat.configured()) {
            log.info("No chat model configured (assistant.chat-model.base-url): answers quote Confluence");
            return new GroundedAnswerService(retriever, keywordRule, extractive, Optional.empty());
        }
        log.info("Answers are written by {} at {}", chat.modelName(), chat.baseUrl());
        RetryTemplate retry = ChatModelRetry.template(chat);
        ChatModelAnswerer writer = new ChatModelAnswerer(streamingModel(chat), retry, chat.timeout(), chat.baseUrl());
        FollowUpRewriter rewriter = chat.rewriteFollowUps()
                ? new ChatModelFollowUpRewriter(chatModel(chat), retry, keywordRule, answers.conversationTurns())
                : keywordRule;
        return new GroundedAnswerService(retriever, rewriter, extractive, Optional.of(writer));
    }

    private static OpenAiStreamingChatModel streamingModel(ChatModelProperties chat) {
        return OpenAiStreamingChatModel.builder()
                .baseUrl(chat.baseUrl())
                .apiKey(apiKey(chat))
                .modelName(chat.modelName())
                .temperature(chat.temperature())
                .maxTokens(chat.maxTokens())
                .timeout(chat.timeout())
                .build();
    }

    private static OpenAiChatModel chatModel(ChatModelProperties chat) {
        return OpenAiChatModel.builder()
                .baseUrl(chat.baseUrl())
                .apiKey(apiKey(chat))
                .modelName(chat.modelName())
                .temperature(0.0)
                .maxTokens(200)
                .timeout(chat.timeout())
                .maxRetries(0) // retried by ChatModelRetry, like the streamed answers
                .build();
    }

    /** Ollama and vLLM take any key; LangChain4j wants one. */
    private static String apiKey(ChatModelProperties chat) {
        return chat.apiKey() == null || chat.apiKey().isBlank() ? "no-key" : chat.apiKey();
    }
}
