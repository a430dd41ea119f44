package io.github.confluenceassistant.chat.answer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How answers are put together ({@code assistant.answer.*}).
 *
 * @param maxQuotedSentences sentences (or list items, code blocks) an extractive answer quotes
 * @param conversationTurns  earlier turns a follow-up is read with
 */
@Validated
@ConfigurationProperties("assistant.answer")
public record AnswerProperties(
        @Min(1) @Max(20) @DefaultValue("4") int maxQuotedSentences,
        @Min(0) @Max(50) @DefaultValue("6") int conversationTurns) {
}
