package io.github.confluenceassistant.chat.answer;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

import java.util.List;

/**
 * Lets the chat model rewrite a follow-up and its conversation into a standalone question. Should the model
 * fail, the keyword rule does it, so a question is never lost to a rewriting error.
 */
final class ChatModelFollowUpRewriter implements FollowUpRewriter {

    private static final Logger log = LoggerFactory.getLogger(ChatModelFollowUpRewriter.class);
    static final String INSTRUCTIONS = """
            Rewrite the user's last question so that it can be understood without the conversation before it: \
            replace pronouns and references with what they refer to, keep names, numbers and technical terms exact, \
            and do not answer it. Reply with the rewritten question only.""";

    private final ChatModel model;
    private final RetryTemplate retry;
    private final FollowUpRewriter fallback;
    private final int turns;

    ChatModelFollowUpRewriter(ChatModel model, RetryTemplate retry, FollowUpRewriter fallback, int turns) {
        this.model = model;
        this.retry = retry;
        this.fallback = fallback;
        this.turns = turns;
    }

    @Override
    public String standalone(Question question) {
        if (question.conversation().isEmpty() || turns == 0) {
            return question.text();
        }
        String prompt = conversation(question) + "\n\nLast question: " + question.text();
        try {
            String rewritten = retry.execute(() ->
                    model.chat(List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from(prompt))).aiMessage().text());
            return rewritten == null || rewritten.isBlank() ? question.text() : rewritten.strip();
        } catch (RetryException e) {
            log.warn("Rewriting a follow-up with the chat model failed ({}); using the keyword rule",
                    e.getLastException().toString());
            return fallback.standalone(question);
        }
    }

    private String conversation(Question question) {
        List<Turn> recent = question.conversation();
        recent = recent.subList(Math.max(0, recent.size() - turns), recent.size());
        StringBuilder text = new StringBuilder("Conversation:");
        recent.forEach(turn -> text.append('\n').append(turn.speaker()).append(": ").append(turn.text()));
        return text.toString();
    }
}
