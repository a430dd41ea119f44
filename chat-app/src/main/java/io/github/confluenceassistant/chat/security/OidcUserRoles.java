package io.github.confluenceassistant.chat.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Roles of a user signed in with OIDC, by the rule {@link CurrentUser} applies to spaces: one listed in
 * {@code assistant.security.users} under the name the provider's {@code user-name-attribute} gives ({@code sub}
 * unless set) gets that entry's roles, so an ADMIN can open the dashboard; anyone else keeps only the provider's
 * authorities. Spring Security's OAuth2 login picks this mapper up as a bean; form login never calls it.
 */
@Component
class OidcUserRoles implements GrantedAuthoritiesMapper {

    private final Map<String, List<String>> rolesByUser;

    OidcUserRoles(AssistantSecurityProperties properties) {
        this.rolesByUser = properties.users().stream().collect(Collectors.toUnmodifiableMap(
                AssistantSecurityProperties.User::username, AssistantSecurityProperties.User::roles, (a, b) -> a));
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
        userName(authorities).map(rolesByUser::get).orElse(List.of()).stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + roleName(role)))
                .forEach(mapped::add);
        return mapped;
    }

    /** The signed-in user's name as the OIDC/OAuth2 user authority carries it. */
    private static Optional<String> userName(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream()
                .filter(OAuth2UserAuthority.class::isInstance).map(OAuth2UserAuthority.class::cast)
                .filter(user -> user.getUserNameAttributeName() != null)
                .map(user -> user.getAttributes().get(user.getUserNameAttributeName()))
                .filter(Objects::nonNull).map(Object::toString)
                .findFirst();
    }

    private static String roleName(String role) {
        String upper = role.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("ROLE_") ? upper.substring("ROLE_".length()) : upper;
    }
}
