package io.github.confluenceassistant.chat.answer;

/** The configured chat model failed (after retries, or for a reason retrying cannot mend). */
public class ChatModelUnavailableException extends RuntimeException {

    public ChatModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
