package io.github.confluenceassistant.chat.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, user name and password pairs that the delegate (Spring's DAO provider: BCrypt)
 * has just verified. The JSON API is stateless HTTP basic, so without this every request pays a BCrypt check
 * (about 70 ms of CPU, the largest cost of an extractive answer under load). Only a keyed hash (HMAC-SHA-256
 * with a key made at start-up) of the pair is kept, never the password; failed attempts are never cached, so
 * they always cost a full check.
 */
final class VerifiedCredentialsCache implements AuthenticationProvider {

    static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider delegate;
    private final Duration lifetime;
    private final Clock clock;
    private final Mac hmac;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Authentication authentication, Instant until) {
    }

    VerifiedCredentialsCache(AuthenticationProvider delegate, Duration lifetime, Clock clock) {
        this.delegate = delegate;
        this.lifetime = lifetime;
        this.clock = clock;
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            this.hmac = Mac.getInstance("HmacSHA256");
            this.hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        if (!(attempt.getCredentials() instanceof String password)) {
            return delegate.authenticate(attempt);
        }
        String key = keyOf(attempt.getName(), password);
        Instant now = clock.instant();
        Verified known = verified.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known.authentication();
        }
        Authentication result = delegate.authenticate(attempt);
        if (result != null && result.isAuthenticated()) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(v -> !now.isBefore(v.until()));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(key, new Verified(result, now.plus(lifetime)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication)
                && delegate.supports(authentication);
    }

    private String keyOf(String username, String password) {
        byte[] digest;
        synchronized (hmac) {
            digest = hmac.doFinal((username + '\0' + password).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest);
    }
}
