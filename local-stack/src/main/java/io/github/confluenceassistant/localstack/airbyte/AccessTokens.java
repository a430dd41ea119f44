package io.github.confluenceassistant.localstack.airbyte;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The application tokens of the public API's client-credentials flow. */
final class AccessTokens {

    private final String clientId;
    private final String clientSecret;
    private final Duration lifetime;
    private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    AccessTokens(String clientId, String clientSecret, Duration lifetime) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.lifetime = lifetime;
    }

    /** A new token for the right client id and secret. */
    Optional<String> issue(String id, String secret) {
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            return Optional.empty();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiryByToken.put(token, Instant.now().plus(lifetime));
        return Optional.of(token);
    }

    long lifetimeSeconds() {
        return lifetime.toSeconds();
    }

    boolean isValid(String token) {
        if (token == null) {
            return false;
        }
        Instant expiry = expiryByToken.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    /** Every token issued so far stops working; clients must fetch a new one. */
    void expireAll() {
        expiryByToken.clear();
    }
}
