package io.github.confluenceassistant.chat.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Which login the UI gets; the whole OIDC flow is in {@link OidcLoginTest}. */
class OidcLoginConfigTest {

    @Test
    void withoutAClientRegistrationTheUiUsesFormLogin() {
        assertThat(SecurityConfig.oidcRegistration(new MockEnvironment())).isEmpty();
    }

    @Test
    void aClientRegistrationSwitchesTheUiToOidcLoginWithTheFirstRegistrationByName() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.client.registration.keycloak.client-id", "assistant")
                .withProperty("spring.security.oauth2.client.registration.keycloak.client-secret", "s3cret")
                .withProperty("spring.security.oauth2.client.registration.entra.client-id", "assistant");

        assertThat(SecurityConfig.oidcRegistration(environment)).contains("entra");
    }
}
