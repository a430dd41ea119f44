package io.github.confluenceassistant.chat.answer;

/** What a streamed answer emits: text as it arrives, then the final answer with its checked citations. */
public sealed interface AnswerEvent {

    record Token(String text) implements AnswerEvent {
    }

    record Completed(Answer answer) implements AnswerEvent {
    }
}
