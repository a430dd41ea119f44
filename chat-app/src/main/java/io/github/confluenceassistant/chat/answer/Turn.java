package io.github.confluenceassistant.chat.answer;

/** One earlier turn of the conversation; speaker is "user" or "agent". */
public record Turn(String speaker, String text) {
}
