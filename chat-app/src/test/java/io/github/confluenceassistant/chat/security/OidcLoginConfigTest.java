package io.github.confluenceassistant.chat.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcLoginConfigTest {

    @Test
    void withoutAClientRegistrationTheUiUsesFormLogin() {
        assertThat(SecurityConfig.oidcRegistration(new MockEnvironment())).isEmpty();
    }

    @Test
    void aClientRegistrationWithoutSpringsOauth2ClientFailsStartUpSayingWhatToAdd() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.security.oauth2.client.registration.keycloak.client-id", "assistant")
                .withProperty("spring.security.oauth2.client.registration.keycloak.client-secret", "s3cret");

        assertThatThrownBy(() -> SecurityConfig.oidcRegistration(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.security.oauth2.client.registration.keycloak")
                .hasMessageContaining("spring-boot-starter-oauth2-client");
    }
}
