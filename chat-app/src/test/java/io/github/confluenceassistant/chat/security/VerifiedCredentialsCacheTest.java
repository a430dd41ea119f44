package io.github.confluenceassistant.chat.security;

import io.github.confluenceassistant.chat.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedCredentialsCacheTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicInteger lookups = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final VerifiedCredentialsCache provider = new VerifiedCredentialsCache(bcryptProvider(), Duration.ofMinutes(5), clock);

    @Test
    void aVerifiedPasswordIsNotCheckedAgainWithinTheLifetime() {
        Authentication first = provider.authenticate(attempt("alice", "s3cret"));
        Authentication second = provider.authenticate(attempt("alice", "s3cret"));

        assertThat(first.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(lookups).as("one BCrypt check for both").hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverLetIn() {
        provider.authenticate(attempt("alice", "s3cret"));

        assertThatThrownBy(() -> provider.authenticate(attempt("alice", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(attempt("alice", "guess"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(attempt("bob", "s3cret"))).isInstanceOf(BadCredentialsException.class);
        assertThat(lookups).hasValue(4);
    }

    @Test
    void afterTheLifetimeThePasswordIsCheckedAgain() {
        provider.authenticate(attempt("alice", "s3cret"));
        clock.advance(Duration.ofMinutes(6));
        provider.authenticate(attempt("alice", "s3cret"));

        assertThat(lookups).hasValue(2);
    }

    private static UsernamePasswordAuthenticationToken attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private DaoAuthenticationProvider bcryptProvider() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
                User.withUsername("alice").password(encoder.encode("s3cret")).roles("USER").build());
        UserDetailsService counting = name -> {
            lookups.incrementAndGet();
            return users.loadUserByUsername(name);
        };
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(counting);
        dao.setPasswordEncoder(encoder);
        return dao;
    }
}
