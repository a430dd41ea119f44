package io.github.confluenceassistant.chat.security;

import java.util.Set;

/**
 * What the signed-in user may read: retrieval never returns snippets of other spaces.
 *
 * @param spaceKeys the spaces this user may read; "*" means every space
 */
public record UserAccess(String username, Set<String> spaceKeys, boolean admin) {

    public UserAccess {
        spaceKeys = Set.copyOf(spaceKeys);
    }

    public boolean mayRead(String spaceKey) {
        return spaceKeys.contains("*") || spaceKeys.contains(spaceKey);
    }
}
