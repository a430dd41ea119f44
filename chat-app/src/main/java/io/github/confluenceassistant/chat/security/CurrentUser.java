package io.github.confluenceassistant.chat.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the signed-in user may read, for the API and the views. Reads Spring Security's context, so call it on
 * the request (or Vaadin UI) thread and hand the {@link UserAccess} to background work.
 */
@Component
public class CurrentUser {

    private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    private final Map<String, AssistantSecurityProperties.User> users;
    private final Set<String> defaultSpaces;

    public CurrentUser(AssistantSecurityProperties properties) {
        this.users = properties.users().stream()
                .collect(Collectors.toUnmodifiableMap(AssistantSecurityProperties.User::username, Function.identity()));
        this.defaultSpaces = Set.copyOf(properties.defaultSpaces());
    }

    /** @throws AuthenticationCredentialsNotFoundException when nobody is signed in */
    public UserAccess get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationCredentialsNotFoundException("Nobody is signed in");
        }
        return of(authentication);
    }

    /** Configured users read their configured spaces; anyone else (an OIDC user, say) the default spaces. */
    public UserAccess of(Authentication authentication) {
        String username = authentication.getName();
        AssistantSecurityProperties.User configured = users.get(username);
        Set<String> spaces = configured != null ? configured.spaces() : defaultSpaces;
        boolean admin = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(ADMIN_AUTHORITY::equals);
        return new UserAccess(username, spaces, admin);
    }
}
