package io.github.confluenceassistant.chat.security;

import io.github.confluenceassistant.chat.retrieval.TestIndexes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurrentUserTest {

    private final CurrentUser currentUser = new CurrentUser(TestIndexes.bind("assistant.security",
            AssistantSecurityProperties.class, Map.of(
                    "assistant.security.users[0].username", "alice",
                    "assistant.security.users[0].password", "{noop}secret",
                    "assistant.security.users[0].spaces", "ENG,OPS",
                    "assistant.security.default-spaces", "PUBLIC")));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aConfiguredUserReadsTheirConfiguredSpaces() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "alice", null, AuthorityUtils.createAuthorityList("ROLE_USER")));

        assertThat(currentUser.get()).isEqualTo(new UserAccess("alice", Set.of("ENG", "OPS"), false));
    }

    @Test
    void someoneSignedInElsewhereReadsTheDefaultSpacesAndTheAdminRoleMakesAnAdmin() {
        UserAccess access = currentUser.of(UsernamePasswordAuthenticationToken.authenticated(
                "oidc-user@example.com", null, AuthorityUtils.createAuthorityList("OIDC_USER", "ROLE_ADMIN")));

        assertThat(access).isEqualTo(new UserAccess("oidc-user@example.com", Set.of("PUBLIC"), true));
    }

    @Test
    void nobodySignedInIsAnError() {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

        assertThatThrownBy(currentUser::get).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }
}
