package io.github.confluenceassistant.chat.dashboard;

import io.github.confluenceassistant.chat.AppProperties;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.github.confluenceassistant.localstack.airbyte.AirbyteStandIn;
import io.github.confluenceassistant.localstack.dataset.ConfluenceDataset;
import io.github.confluenceassistant.localstack.postgres.EmbeddedPostgresServer;
import io.github.confluenceassistant.localstack.process.JavaProcess;
import io.github.confluenceassistant.localstack.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin watches a real ingestion run in Chromium: the real job program (its own JVM) ingests mtrag-cloud one
 * page per chunk, and the dashboard's "Now" panel counts the pages up by server push, without a reload.
 *
 * <p>Deterministic: the Airbyte stand-in holds the job's sync until the dashboard is open (the execution shows as
 * STARTED in step airbyteSync with no page read), then releases it; from then on the job commits a page at a time.
 * The job JVM starts while the app does, and is killed at the end. Screenshot: target/screenshots/dashboard.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardInBrowserTest {

    private static final Pattern PROGRESS = Pattern.compile("(\\d+) of ~(\\d+) pages read");
    private static final Pattern RUNNING = Pattern.compile("Execution \\d+ \\(confluenceIngestion\\) STARTED");
    /** The text of the "Now" panel's progress line, read from the DOM (no reload, no Playwright re-navigation). */
    private static final String PROGRESS_TEXT = "() => [...document.querySelectorAll('span')]"
            + ".map(s => s.textContent).find(t => / pages read /.test(t)) ?? ''";
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(45);
    /** Long enough for the job JVM to start and register its execution. */
    private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

    private static String database;
    private static AirbyteStandIn airbyte;
    private static Process job;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void runningJob(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.shared();
        database = infra.newDatabase("dash_browser");
        String prefix = infra.uniqueName("dash-browser").replace('_', '-');
        startHeldJob(infra, prefix);
        AppProperties.index(registry, database, infra.chroma().url(), prefix);
        registry.add("assistant.dashboard.refresh-interval", () -> "1s");
        AppProperties.user(registry, 0, "demo", "{noop}demo", "USER,ADMIN", "*");
    }

    /**
     * The job program, one page per chunk, syncing through the stand-in, which holds the sync until released. The
     * schema is created first, so the job's and the app's Flyway (starting at the same time) each only add tables.
     */
    private static void startHeldJob(TestInfrastructure infra, String prefix) {
        new JdbcTemplate(infra.postgres().dataSource(database)).execute("create schema assistant");
        airbyte = AirbyteStandIn.builder(infra.postgres().dataSource(database))
                .dataset(ConfluenceDataset.load(TestInfrastructure.dataset("mtrag-cloud")))
                .build().start();
        airbyte.holdSyncs(Duration.ofMinutes(10));
        Map<String, String> properties = new HashMap<>(JavaProcess.connectionProperties(infra.postgres().jdbcUrl(database),
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD, infra.chroma().url(), prefix));
        properties.put("assistant.airbyte.url", airbyte.publicApiUrl());
        properties.put("assistant.airbyte.client-id", airbyte.clientId());
        properties.put("assistant.airbyte.client-secret", airbyte.clientSecret());
        properties.put("assistant.airbyte.connection-id", airbyte.connectionId());
        properties.put("assistant.airbyte.poll-interval", "500ms");
        properties.put("assistant.ingestion.chunk-size", "1");
        job = JavaProcess.ofJar(JobRuns.jar(), "-Xmx1g")
                .start(properties, infra.workDirectory().resolve(infra.uniqueName("dash-browser-job") + ".log"));
    }

    @AfterAll
    static void killJob() throws InterruptedException {
        if (job != null) {
            job.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        if (airbyte != null) {
            airbyte.close();
        }
    }

    @Test
    void theNowPanelCountsPagesUpByPushWhileARealRunIngests() throws Exception {
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of("/usr/bin/chromium"))
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--no-first-run")))) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 900));
            page.setDefaultTimeout(60_000);
            page.navigate("http://localhost:" + port + "/");
            page.locator("input[name='username']").fill("demo");
            page.locator("input[name='password']").fill("demo");
            page.locator("input[name='password']").press("Enter");
            assertThat(page.locator("vaadin-message-input")).isVisible(VISIBLE);

            try {
                page.navigate("http://localhost:" + port + "/dashboard");
                page.evaluate("() => window.sameDocument = true"); // gone if the page were reloaded

                // the job JVM is up and waits for its Airbyte sync: STARTED, nothing read yet
                assertThat(page.getByText(RUNNING)).isVisible(VISIBLE);
                assertThat(page.getByText(PROGRESS)).containsText("step airbyteSync");
                assertThat(pagesRead(page)).isZero();

                airbyte.holdSyncs(Duration.ZERO);
                long first = awaitPagesReadAbove(page, 0);
                long later = awaitPagesReadAbove(page, first);

                assertThat(later).isGreaterThan(first).isLessThanOrEqualTo(243); // mtrag-cloud's pages
                assertThat(pagesToRead(page)).as("pages to read, as the job's reader counted them").isEqualTo(243);
                assertThat(page.getByText(PROGRESS)).containsText("step ingestPages");
                assertThat(page.getByText(RUNNING)).isVisible();
                assertThat(page.evaluate("() => window.sameDocument === true")).as("no reload").isEqualTo(true);
                assertThat(committedPagesRead()).as("the job repository is at least as far as the page")
                        .isGreaterThanOrEqualTo(later);
                assertThat(job.isAlive()).as("the job was still running while the page counted").isTrue();
            } finally {
                Files.createDirectories(Path.of("target/screenshots"));
                page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/dashboard.png")).setFullPage(true));
            }
        }
    }

    /** Pages read as the "Now" panel shows them now, or -1 when it shows no progress line. */
    private static long pagesRead(Page page) {
        Matcher progress = PROGRESS.matcher((String) page.evaluate(PROGRESS_TEXT));
        return progress.find() ? Long.parseLong(progress.group(1)) : -1;
    }

    private static long pagesToRead(Page page) {
        Matcher progress = PROGRESS.matcher((String) page.evaluate(PROGRESS_TEXT));
        return progress.find() ? Long.parseLong(progress.group(2)) : -1;
    }

    /** Waits, without reloading, for the pushed progress to exceed {@code floor}; returns the value shown then. */
    private static long awaitPagesReadAbove(Page page, long floor) {
        Instant deadline = Instant.now().plus(PUSH_TIMEOUT);
        long shown = pagesRead(page);
        while (shown <= floor && Instant.now().isBefore(deadline)) {
            page.waitForTimeout(250);
            shown = pagesRead(page);
        }
        assertThat(shown).as("pages read shown within " + PUSH_TIMEOUT.toSeconds() + "s").isGreaterThan(floor);
        return shown;
    }

    private static long committedPagesRead() {
        Long read = new JdbcTemplate(TestInfrastructure.shared().postgres().dataSource(database)).queryForObject(
                "select max(read_count) from batch_step_execution where step_name = 'ingestPages'", Long.class);
        return read == null ? 0 : read;
    }
}
