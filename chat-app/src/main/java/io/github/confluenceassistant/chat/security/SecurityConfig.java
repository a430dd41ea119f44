package io.github.confluenceassistant.chat.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Three doors: the JSON API (HTTP basic, stateless, no CSRF since no browser session carries it), the
 * actuator (probes and metrics open, the rest for admins) and the Vaadin UI (form login, or OIDC when a
 * {@code spring.security.oauth2.client.registration.*} is configured and spring-boot-starter-oauth2-client is
 * on the class path). The ADMIN role guards {@code /dashboard/**} and {@code /api/jobs/**}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    private static final String ADMIN = "ADMIN";
    private static final String OAUTH2_CLIENT_CLASS =
            "org.springframework.security.oauth2.client.registration.ClientRegistrationRepository";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, JsonSecurityErrors errors) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        // the stream's async dispatch re-enters the chain; the request was authorized on the way in
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/jobs/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, JsonSecurityErrors errors) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiSecurity(HttpSecurity http, Environment environment) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/dashboard", "/dashboard/**").hasRole(ADMIN));
        Optional<String> oidc = oidcRegistration(environment);
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            if (oidc.isPresent()) {
                vaadin.oauth2LoginPage("/oauth2/authorization/" + oidc.get());
            } else {
                vaadin.loginView(LoginView.class);
            }
        });
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Spring's DAO provider (configured users, BCrypt or noop passwords) behind a short cache of verified
     * credentials, so that stateless API calls do not each pay a BCrypt check.
     */
    @Bean
    AuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(users);
        dao.setPasswordEncoder(passwordEncoder);
        return new VerifiedCredentialsCache(dao, java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC());
    }

    @Bean
    UserDetailsService userDetailsService(AssistantSecurityProperties properties) {
        Set<String> seen = new HashSet<>();
        List<UserDetails> users = properties.users().stream().map(user -> {
            if (!seen.add(user.username())) {
                throw new IllegalStateException("assistant.security.users lists '" + user.username()
                        + "' twice: give each user one entry");
            }
            if (user.password().equals("{noop}" + user.username())) {
                log.warn("User '{}' signs in with its own name as password: fine for the demo, "
                        + "set assistant.security.users (or OIDC) for anything else", user.username());
            }
            return User.withUsername(user.username())
                    .password(user.password())
                    .roles(user.roles().stream().map(SecurityConfig::roleName).toArray(String[]::new))
                    .build();
        }).toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static String roleName(String role) {
        String upper = role.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("ROLE_") ? upper.substring("ROLE_".length()) : upper;
    }

    /** The first OIDC/OAuth2 client registration, when one is configured and Spring's OAuth2 client is present. */
    static Optional<String> oidcRegistration(Environment environment) {
        Map<String, String> registrations = Binder.get(environment)
                .bind("spring.security.oauth2.client.registration", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Optional<String> id = registrations.keySet().stream().map(key -> key.split("\\.")[0]).sorted().findFirst();
        if (id.isPresent() && !ClassUtils.isPresent(OAUTH2_CLIENT_CLASS, SecurityConfig.class.getClassLoader())) {
            throw new IllegalStateException("spring.security.oauth2.client.registration." + id.get()
                    + " is set, but spring-boot-starter-oauth2-client is not on the class path: add it to use OIDC login");
        }
        return id;
    }

    /**
     * 401 and 403 of the API and actuator as the API's JSON error body: handed to Spring MVC's exception
     * resolvers, so {@code ApiExceptionHandler} writes every API error the same way.
     */
    @Bean
    JsonSecurityErrors jsonSecurityErrors(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return new JsonSecurityErrors(resolver);
    }

    record JsonSecurityErrors(HandlerExceptionResolver resolver) implements AuthenticationEntryPoint, AccessDeniedHandler {

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"confluence-assistant\"");
            resolver.resolveException(request, response, null, e);
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) {
            resolver.resolveException(request, response, null, e);
        }
    }
}
