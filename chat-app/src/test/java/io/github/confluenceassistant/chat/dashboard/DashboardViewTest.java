package io.github.confluenceassistant.chat.dashboard;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard view (Karibu, no browser) over a job repository with a warned and a failed run. */
class DashboardViewTest extends TroubledRunsAppTest {

    @Autowired
    IngestionDashboard dashboard;
    @Autowired
    ScheduledExecutorService dashboardRefresher;
    DashboardView view;

    @BeforeEach
    void openView() {
        MockVaadin.setup();
        view = new DashboardView(dashboard, dashboardRefresher);
        UI.getCurrent().add(view);
    }

    @AfterEach
    void closeView() {
        MockVaadin.tearDown();
    }

    @Test
    void theHistoryListsBothRunsWithTheirHealth() {
        List<JobExecutionSummary> runs = view.history.getGenericDataView().getItems().toList();

        assertThat(runs).extracting(JobExecutionSummary::health)
                .containsExactly(ExecutionHealth.FAILED, ExecutionHealth.WARNING);
        assertThat(runs.get(1).pagesSkipped()).isEqualTo(runs.get(1).pagesRead()).isPositive();
        assertThat(view.chart.getElement().getChildren().findFirst().orElseThrow().getOuterHTML()).contains("<svg");
    }

    @Test
    void theStatusFilterShowsOnlyFailedRuns() {
        view.statusFilter.setValue("FAILED");

        assertThat(view.history.getGenericDataView().getItems().map(JobExecutionSummary::status)).containsExactly("FAILED");
    }

    @Test
    void theLastFailedRunIsOfferedForRestartButStartingIsOffWithoutALauncher() {
        assertThat(view.now.getElement().getTextRecursively()).contains("No run in progress").contains("FAILED");
        assertThat(view.start.getText()).startsWith("Restart failed execution");
        assertThat(view.start.isEnabled()).isFalse();
        assertThat(view.start.getTooltip().getText()).contains("assistant.dashboard.local-job-command");
    }

    @Test
    void theIndexIsEmptySinceNoPageHadABodyAndChromaHasNoCollection() {
        String index = view.index.getElement().getTextRecursively();

        assertThat(index).contains("The index is empty").contains("Chroma has no collection")
                .contains("Last successful run: execution").doesNotContain("stale");
    }
}
