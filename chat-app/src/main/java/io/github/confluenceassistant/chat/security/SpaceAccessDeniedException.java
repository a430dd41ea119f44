package io.github.confluenceassistant.chat.security;

import org.springframework.security.access.AccessDeniedException;

/** A user asked to search a space they may not read. */
public class SpaceAccessDeniedException extends AccessDeniedException {

    public SpaceAccessDeniedException(String username, String spaceKey) {
        super("User '" + username + "' may not read space '" + spaceKey + "'");
    }
}
