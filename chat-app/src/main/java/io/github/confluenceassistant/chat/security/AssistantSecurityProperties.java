package io.github.confluenceassistant.chat.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.List;
import java.util.Set;

/**
 * Who may sign in and what each may read ({@code assistant.security.*}).
 *
 * @param users         form-login and HTTP-basic users; application.properties ships the demo user, setting
 *                      any {@code assistant.security.users[i]} elsewhere replaces the whole list
 * @param defaultSpaces spaces of a signed-in user who is not in {@code users} (e.g. signed in with OIDC);
 *                      empty: none
 */
@Validated
@ConfigurationProperties("assistant.security")
public record AssistantSecurityProperties(
        @NotNull @DefaultValue List<@Valid User> users,
        @NotNull @DefaultValue Set<String> defaultSpaces) {

    /**
     * @param password with its encoding: {@code {noop}secret} or {@code {bcrypt}$2a$10$...}
     * @param roles    USER, ADMIN (ADMIN opens the dashboard and /api/jobs)
     * @param spaces   space keys this user may read; "*" for every space
     */
    public record User(
            @NotBlank String username,
            @NotBlank @Pattern(regexp = "\\{(noop|bcrypt)}.+",
                    message = "must start with {noop} or {bcrypt}, e.g. {noop}secret") String password,
            @NotNull @DefaultValue("USER") List<String> roles,
            @NotNull @DefaultValue Set<String> spaces) {

        @Override
        public String toString() { // keeps the password out of logs
            return "User[username=" + username + ", roles=" + roles + ", spaces=" + spaces + "]";
        }
    }
}
