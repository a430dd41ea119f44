package io.github.confluenceassistant.chat.retrieval;

import io.github.confluenceassistant.chat.security.SpaceAccessDeniedException;
import io.github.confluenceassistant.chat.security.UserAccess;

import java.util.Collection;
import java.util.Set;

/**
 * The spaces one search may return snippets from. Built only from what the user may read, so no search can
 * reach beyond it.
 *
 * @param allSpaces true when the user may read every space and asked for no particular one
 */
public record SpaceScope(boolean allSpaces, Set<String> spaceKeys) {

    public SpaceScope {
        spaceKeys = Set.copyOf(spaceKeys);
    }

    public static SpaceScope all() {
        return new SpaceScope(true, Set.of());
    }

    public static SpaceScope only(Collection<String> spaceKeys) {
        return new SpaceScope(false, Set.copyOf(spaceKeys));
    }

    /**
     * The requested spaces, or every space the user may read when none is requested.
     *
     * @throws SpaceAccessDeniedException when a requested space is not one the user may read
     */
    public static SpaceScope of(UserAccess access, Collection<String> requested) {
        if (requested.isEmpty()) {
            return access.spaceKeys().contains("*") ? all() : only(access.spaceKeys());
        }
        for (String space : requested) {
            if (!access.mayRead(space)) {
                throw new SpaceAccessDeniedException(access.username(), space);
            }
        }
        return only(requested);
    }

    /** True when no snippet can match: a user without spaces. */
    public boolean isEmpty() {
        return !allSpaces && spaceKeys.isEmpty();
    }
}
