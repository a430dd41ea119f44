package io.github.confluenceassistant.chat.answer;

/** How an answer was made: by the configured chat model, or extractively (quoted sentences) without one. */
public enum AnswerMode {
    LLM, EXTRACTIVE
}
