package io.github.confluenceassistant.chat.security;

import io.github.confluenceassistant.chat.AppProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC login configured with nothing but Spring Boot's standard {@code spring.security.oauth2.client.*} properties
 * (an issuer URI, as for Keycloak, Entra ID or Okta), against an issuer simulated by WireMock: discovery, JWKS,
 * token and userinfo endpoints, and ID tokens signed with its RSA key. A stranger is sent to the issuer; after the
 * authorization code flow the user is signed in with the spaces and roles the configuration gives them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcLoginTest {

    private static final String REALM = "/realms/corp";
    private static final String CLIENT_ID = "assistant";
    private static final String CLIENT_SECRET = "s3cret-for-tests";
    private static final WireMockServer issuer = new WireMockServer(options().dynamicPort());
    private static final RSAKey signingKey = rsaKey();
    private static final BlockingQueue<Authentication> signIns = new LinkedBlockingQueue<>();

    @LocalServerPort
    int port;
    @Autowired
    CurrentUser currentUser;

    @DynamicPropertySource
    static void oidcProvider(DynamicPropertyRegistry registry) {
        issuer.start();
        stubDiscoveryAndKeys();
        TestInfrastructure infra = TestInfrastructure.shared();
        String database = infra.newDatabase("oidc_login");
        AppProperties.index(registry, database, infra.chroma().url(), infra.uniqueName("oidc-login").replace('_', '-'));
        // what a production deployment sets, as SPRING_SECURITY_OAUTH2_CLIENT_... environment variables
        registry.add("spring.security.oauth2.client.registration.corp.client-id", () -> CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.corp.client-secret", () -> CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.corp.scope", () -> "openid,profile,email");
        registry.add("spring.security.oauth2.client.provider.corp.issuer-uri", OidcLoginTest::issuerUri);
        registry.add("spring.security.oauth2.client.provider.corp.user-name-attribute", () -> "preferred_username");
        // dave is listed (admin, two spaces); anyone else signed in through the provider reads the default spaces
        AppProperties.user(registry, 0, "dave", "{noop}api-only-password", "USER,ADMIN", "ENG,OPS");
        registry.add("assistant.security.default-spaces", () -> "HR");
    }

    /** Records who signs in, as the app sees them (the sign-in happens on a server thread). */
    @TestConfiguration
    static class SignIns {
        @Bean
        ApplicationListener<AuthenticationSuccessEvent> recordSignIns() {
            return event -> signIns.add(event.getAuthentication());
        }
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop();
    }

    @BeforeEach
    void forgetSignIns() {
        signIns.clear();
    }

    @Test
    void aStrangerIsSentToTheIssuersAuthorizationEndpointWithTheClientId() throws Exception {
        Browser browser = new Browser();

        HttpResponse<String> home = browser.get(app("/"));
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(location(home)).isEqualTo(app("/oauth2/authorization/corp"));

        Map<String, String> authorization = query(browser.get(location(home)), issuerUri() + "/protocol/openid-connect/auth");
        assertThat(authorization)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", app("/login/oauth2/code/corp"))
                .containsKeys("state", "nonce");
        assertThat(Set.of(authorization.get("scope").split(" "))).containsExactlyInAnyOrder("openid", "profile", "email");
    }

    @Test
    void aListedUserSignsInWithTheCodeFlowAndGetsTheirSpacesAndTheDashboard() throws Exception {
        Browser dave = new Browser();

        signIn(dave, "u-1001", "dave");

        UserAccess access = currentUser.of(signIns.poll(10, TimeUnit.SECONDS));
        assertThat(access.username()).isEqualTo("dave");
        assertThat(access.spaceKeys()).containsExactlyInAnyOrder("ENG", "OPS");
        assertThat(access.admin()).isTrue();
        assertThat(dave.get(app("/")).statusCode()).as("signed in: the chat UI, no redirect").isEqualTo(200);
        assertThat(dave.get(app("/dashboard")).statusCode()).isEqualTo(200);
        issuer.verify(postRequestedFor(urlPathEqualTo(REALM + "/protocol/openid-connect/token"))
                .withHeader("Authorization", equalTo(basic(CLIENT_ID, CLIENT_SECRET)))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=code-for-dave")));
    }

    @Test
    void anyoneElseReadsTheDefaultSpacesAndMayNotOpenTheDashboard() throws Exception {
        Browser carol = new Browser();

        signIn(carol, "u-2002", "carol");

        UserAccess access = currentUser.of(signIns.poll(10, TimeUnit.SECONDS));
        assertThat(access.username()).isEqualTo("carol");
        assertThat(access.spaceKeys()).containsExactly("HR");
        assertThat(access.admin()).isFalse();
        assertThat(carol.get(app("/")).statusCode()).isEqualTo(200);
        assertThat(carol.get(app("/dashboard")).statusCode()).isEqualTo(403);
    }

    @Test
    void anIdTokenSignedByAnotherKeyIsRejected() throws Exception {
        Browser mallory = new Browser();
        Map<String, String> authorization = query(mallory.get(app("/oauth2/authorization/corp")),
                issuerUri() + "/protocol/openid-connect/auth");
        stubTokenEndpoint("code-for-mallory", idToken(rsaKey(), "u-666", "dave", authorization.get("nonce")));

        HttpResponse<String> callback = mallory.get(app("/login/oauth2/code/corp?code=code-for-mallory&state="
                + authorization.get("state")));

        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).contains("error");
        assertThat(signIns).isEmpty();
        assertThat(mallory.get(app("/")).statusCode()).as("still a stranger").isEqualTo(302);
    }

    /** The authorization code flow as a browser walks it; the issuer "authenticates" the user at once. */
    private void signIn(Browser browser, String subject, String username) throws Exception {
        HttpResponse<String> home = browser.get(app("/"));
        Map<String, String> authorization = query(browser.get(location(home)), issuerUri() + "/protocol/openid-connect/auth");
        String code = "code-for-" + username;
        stubTokenEndpoint(code, idToken(signingKey, subject, username, authorization.get("nonce")));
        issuer.stubFor(get(urlPathEqualTo(REALM + "/protocol/openid-connect/userinfo"))
                .withHeader("Authorization", equalTo("Bearer access-" + code))
                .willReturn(okJson("""
                        {"sub": "%s", "preferred_username": "%s", "email": "%s@example.com"}"""
                        .formatted(subject, username, username))));

        HttpResponse<String> callback = browser.get(authorization.get("redirect_uri") + "?code=" + code
                + "&state=" + authorization.get("state"));

        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).as("back to where the user was going").startsWith(app("/")).doesNotContain("error");
    }

    private static void stubDiscoveryAndKeys() {
        String base = issuerUri() + "/protocol/openid-connect";
        issuer.stubFor(get(urlPathEqualTo(REALM + "/.well-known/openid-configuration")).willReturn(okJson("""
                {"issuer": "%s", "authorization_endpoint": "%s/auth", "token_endpoint": "%s/token",
                 "userinfo_endpoint": "%s/userinfo", "jwks_uri": "%s/certs",
                 "response_types_supported": ["code"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"],
                 "scopes_supported": ["openid", "profile", "email"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic"]}"""
                .formatted(issuerUri(), base, base, base, base))));
        issuer.stubFor(get(urlPathEqualTo(REALM + "/protocol/openid-connect/certs"))
                .willReturn(okJson(new JWKSet(signingKey.toPublicJWK()).toString())));
    }

    private static void stubTokenEndpoint(String code, String idToken) {
        issuer.stubFor(post(urlPathEqualTo(REALM + "/protocol/openid-connect/token"))
                .withRequestBody(containing("code=" + code))
                .willReturn(okJson("""
                        {"access_token": "access-%s", "token_type": "Bearer", "expires_in": 300,
                         "scope": "openid profile email", "id_token": "%s"}""".formatted(code, idToken))));
    }

    private static String idToken(RSAKey key, String subject, String username, String nonce) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuerUri())
                .subject(subject)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", nonce)
                .claim("preferred_username", username)
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("key-" + System.nanoTime()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String issuerUri() {
        return "http://localhost:" + issuer.port() + REALM;
    }

    private String app(String path) {
        return "http://localhost:" + port + path;
    }

    /** Where a redirect points, made absolute as a browser would. */
    private static String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no Location header in a " + response.statusCode() + " response"));
        return response.uri().resolve(location).toString();
    }

    /** The query of a redirect to {@code expectedEndpoint}, decoded. */
    private static Map<String, String> query(HttpResponse<String> redirect, String expectedEndpoint) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = location(redirect);
        assertThat(location).startsWith(expectedEndpoint + "?");
        return UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap().entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A browser as far as the flow needs one: keeps cookies, does not follow redirects (the test does). */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET()
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
