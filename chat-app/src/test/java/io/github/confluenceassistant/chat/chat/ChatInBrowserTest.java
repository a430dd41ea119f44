package io.github.confluenceassistant.chat.chat;

import io.github.confluenceassistant.chat.AppProperties;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.github.confluenceassistant.localstack.testing.IngestedIndex;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's first minute with the product, in real Chromium: sign in, ask about the demo space, read an answer
 * with a citation link to the right page. Screenshot in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatInBrowserTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void demoSpaceIndex(DynamicPropertyRegistry registry) {
        IngestedIndex index = IngestedIndex.demoSpace();
        AppProperties.index(registry, index.database(), index.chromaUrl(), index.collectionPrefix());
    }

    @Test
    void aSignedInUserAsksAndGetsAnAnswerWithACitationLink() throws Exception {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of("/usr/bin/chromium"))
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run")))) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(390, 844)); // a phone
            page.setDefaultTimeout(60_000);
            page.navigate("http://localhost:" + port + "/");

            page.locator("input[name='username']").fill("demo");
            page.locator("input[name='password']").fill("demo");
            page.locator("input[name='password']").press("Enter");

            try {
                Locator input = page.locator("vaadin-message-input textarea");
                input.fill("How many approvals does a pull request to payments-api need?");
                input.press("Enter");

                Locator link = page.locator("a.citation-link").first();
                assertThat(link).isVisible();
                assertThat(link.getAttribute("href")).contains("/pages/200006/");
                assertThat(page.locator("vaadin-message").nth(1)).containsText("[1]");

                page.locator("vaadin-button", new Page.LocatorOptions().setHasText("Helpful")).first().click();
                assertThat(page.getByText("Thanks for the feedback.")).isVisible();
                Map<String, Object> stored = new JdbcTemplate(TestInfrastructure.shared().postgres()
                        .dataSource(IngestedIndex.demoSpace().database())).queryForMap(
                        "select username, helpful, cited_snippet_ids, cited_page_versions::text as versions "
                                + "from assistant.chat_feedback order by id desc limit 1");
                assertThat(stored.get("username")).isEqualTo("demo");
                assertThat(stored.get("helpful")).isEqualTo(true);
                assertThat(String.valueOf(stored.get("versions"))).contains("200006");
            } finally {
                Files.createDirectories(Path.of("target/screenshots"));
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/chat.png")).setFullPage(true));
            }
        }
    }
}
