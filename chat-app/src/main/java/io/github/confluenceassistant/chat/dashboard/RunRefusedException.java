package io.github.confluenceassistant.chat.dashboard;

/** A run was not started, with the reason for the user. */
public class RunRefusedException extends RuntimeException {

    public RunRefusedException(String message) {
        super(message);
    }
}
