package io.github.confluenceassistant.chat.answer;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The chat model that writes answers ({@code assistant.chat-model.*}): any OpenAI-compatible endpoint (OpenAI,
 * Ollama's /v1, vLLM). Without a base URL the app answers extractively, quoting the passages.
 *
 * @param baseUrl           e.g. https://api.openai.com/v1 or http://localhost:11434/v1; empty: no chat model
 * @param apiKey            from the environment (ASSISTANT_CHAT_MODEL_API_KEY); any value for endpoints without keys
 * @param maxRetries        retries of a rate-limited (429) or failed (5xx, timeout) call before any token arrived
 * @param retryDelay        first wait between retries, doubled each time
 * @param rewriteFollowUps  let the model turn a follow-up and its conversation into a standalone question
 */
@Validated
@ConfigurationProperties("assistant.chat-model")
public record ChatModelProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("gpt-4o-mini") String modelName,
        @DecimalMin("0.0") @DecimalMax("2.0") @DefaultValue("0.1") double temperature,
        @Min(16) @DefaultValue("1024") int maxTokens,
        @NotNull @DefaultValue("120s") Duration timeout,
        @Min(0) @Max(10) @DefaultValue("3") int maxRetries,
        @NotNull @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("true") boolean rewriteFollowUps) {

    public boolean configured() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    @Override
    public String toString() { // keeps the key out of logs
        return "ChatModelProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "<none>" : "<set>")
                + ", modelName=" + modelName + ", temperature=" + temperature + ", maxTokens=" + maxTokens
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", retryDelay=" + retryDelay
                + ", rewriteFollowUps=" + rewriteFollowUps + "]";
    }
}
