package io.github.confluenceassistant.chat.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.github.confluenceassistant.chat.chat.MainLayout;
import jakarta.annotation.security.RolesAllowed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Whether ingestion is healthy, and why not: the run now, the index, the history; start a run. Admins only. */
@Route(value = "dashboard", layout = MainLayout.class)
@PageTitle("Ingestion dashboard")
@RolesAllowed("ADMIN")
public class DashboardView extends VerticalLayout {

    static final String ALL_STATUSES = "All";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IngestionDashboard dashboard;
    private final ScheduledExecutorService refresher;
    final Div now = new Div();
    final Div index = new Div();
    final Select<String> statusFilter = new Select<>();
    final Grid<JobExecutionSummary> history = new Grid<>();
    final Div chart = new Div();
    final Button start = new Button();
    private ScheduledFuture<?> refreshing;

    public DashboardView(IngestionDashboard dashboard, ScheduledExecutorService dashboardRefresher) {
        this.dashboard = dashboard;
        this.refresher = dashboardRefresher;
        setWidthFull();
        statusFilter.setLabel("Status");
        statusFilter.setItems(ALL_STATUSES, "COMPLETED", "FAILED", "STARTED", "STOPPED", "ABANDONED");
        statusFilter.setValue(ALL_STATUSES);
        statusFilter.addValueChangeListener(change -> refreshHistory());
        configureHistory();
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(click -> startRun());
        add(new H2("Ingestion"), new H3("Now"), now, start, new H3("Index"), index, new H3("History"),
                statusFilter, chart, history);
        refresh();
    }

    /** Reads everything again; the push timer calls the cheap part ({@link #refreshNow}) more often. */
    void refresh() {
        refreshNow(dashboard.progress());
        refreshIndex();
        refreshHistory();
    }

    void refreshNow(Optional<RunProgress> progress) {
        now.removeAll();
        Optional<JobExecutionSummary> last = dashboard.lastFinishedRun();
        if (progress.isPresent()) {
            now.add(progressPanel(progress.get()));
        } else if (last.isEmpty()) {
            now.add(new Paragraph("No ingestion has run yet — run the job with java -jar batch-job/target/batch-job-exec.jar "
                    + "(or wait for the CronJob), pointed at this database and Chroma."));
        } else {
            JobExecutionSummary run = last.get();
            now.add(new Paragraph("No run in progress. Last run: execution " + run.id() + " " + run.status()
                    + " (" + run.exitCode() + ")" + (run.end() == null ? "" : ", ended " + TIME.format(run.end()))));
        }
        boolean lastFailed = last.map(run -> run.health() == ExecutionHealth.FAILED).orElse(false);
        start.setText(lastFailed ? "Restart failed execution " + last.get().id() : "Start a new run");
        start.setTooltipText(dashboard.canStartRuns()
                ? dashboard.launcherDescription() + ". The job program restarts the last failed execution by itself "
                  + "(it resumes from its last commit), otherwise it starts a new run."
                : dashboard.launcherDescription());
        start.setEnabled(dashboard.canStartRuns() && progress.isEmpty());
    }

    private VerticalLayout progressPanel(RunProgress progress) {
        JobExecutionSummary run = progress.execution();
        ProgressBar bar = new ProgressBar(0, 1, progress.fraction());
        Span pages = new Span("%d of ~%d pages read · %d snippets written · step %s · %s elapsed · %.1f pages/s".formatted(
                progress.pagesRead(), progress.pagesToRead(), progress.snippetsWritten(), progress.currentStep(),
                format(progress.elapsed()), progress.pagesPerSecond()));
        pages.setTitle(RunProgress.ESTIMATE_EXPLAINED);
        VerticalLayout panel = new VerticalLayout(new Span("Execution " + run.id() + " (" + run.jobName() + ") "
                + run.status() + " since " + (run.start() == null ? "—" : TIME.format(run.start()))), bar, pages);
        panel.setPadding(false);
        return panel;
    }

    void refreshIndex() {
        refreshIndex(dashboard.health());
    }

    private void refreshIndex(IndexHealth health) {
        index.removeAll();
        Instant at = dashboard.clock().instant();
        index.add(new Paragraph("Collection " + health.collection() + " · " + health.status() + " · model "
                + health.model()));
        index.add(new Paragraph(health.chromaCount() == null ? health.chromaProblem()
                : "Chroma holds " + health.chromaCount() + " snippets, the state table " + health.stateSnippets()
                  + (health.consistent() ? " (consistent)" : " — they differ: run the job again")));
        Paragraph age = new Paragraph(health.lastSuccess() == null
                ? "No successful run yet."
                : "Last successful run: execution " + health.lastSuccessExecutionId() + ", ended "
                  + format(health.lastSuccessAge(at)) + " ago");
        if (health.stale() && health.lastSuccess() != null) {
            age.setText(age.getText() + " — older than twice the expected interval ("
                    + format(health.expectedInterval()) + "): the index is stale, check the CronJob.");
            age.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        index.add(age);
        if (health.spaces().isEmpty()) {
            index.add(new Paragraph("The index is empty: no page has been ingested into " + health.collection() + "."));
        } else {
            Grid<IndexHealth.SpaceCount> spaces = new Grid<>();
            spaces.addColumn(IndexHealth.SpaceCount::spaceKey).setHeader("Space");
            spaces.addColumn(IndexHealth.SpaceCount::pages).setHeader("Pages");
            spaces.addColumn(IndexHealth.SpaceCount::snippets).setHeader("Snippets");
            spaces.setItems(health.spaces());
            spaces.setAllRowsVisible(true);
            index.add(spaces);
        }
    }

    void refreshHistory() {
        String status = statusFilter.getValue();
        List<JobExecutionSummary> runs = dashboard.history(
                status == null || ALL_STATUSES.equals(status) ? Optional.empty() : Optional.of(status));
        history.setItems(runs);
        chart.removeAll();
        if (runs.isEmpty()) {
            chart.add(new Paragraph(ALL_STATUSES.equals(status)
                    ? "No job executions in the job repository yet."
                    : "No " + status + " executions among the last ones."));
        } else {
            chart.add(new Html(HistoryChart.svg(runs, dashboard.clock().instant())));
        }
    }

    private void configureHistory() {
        history.addColumn(JobExecutionSummary::id).setHeader("#").setAutoWidth(true);
        history.addColumn(run -> run.health() + (run.exitCode() == null || run.exitCode().equals(run.status()) ? ""
                : " (" + run.exitCode() + ")")).setHeader("Status").setAutoWidth(true);
        history.addColumn(run -> run.start() == null ? "—" : TIME.format(run.start())).setHeader("Start").setAutoWidth(true);
        history.addColumn(run -> run.duration(Instant.now()).map(DashboardView::format).orElse("—")).setHeader("Duration");
        history.addColumn(run -> run.parameters().toString()).setHeader("Parameters");
        history.addColumn(JobExecutionSummary::pagesRead).setHeader("Read");
        history.addColumn(JobExecutionSummary::pagesChanged).setHeader("Changed");
        history.addColumn(JobExecutionSummary::pagesSkipped).setHeader("Skipped");
        history.addColumn(run -> run.pagesPruned() == null ? "—" : run.pagesPruned().toString()).setHeader("Pruned");
        history.addColumn(JobExecutionSummary::snippetsWritten).setHeader("Snippets")
                .setTooltipGenerator(run -> "Snippets of the pages this run wrote, as long as no later run rewrote them");
        history.addColumn(run -> run.airbyteJobId() == null ? "—" : run.airbyteJobId() + " ("
                + (run.airbyteRowsSynced() == null ? "?" : run.airbyteRowsSynced()) + " rows)").setHeader("Airbyte job");
        history.addItemClickListener(click -> dashboard.detail(click.getItem().id())
                .ifPresent(detail -> new ExecutionDetailDialog(detail).open()));
        history.setAllRowsVisible(true);
    }

    private void startRun() {
        try {
            Notification.show(dashboard.startRun(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (RunRefusedException e) {
            Notification.show(e.getMessage(), 10000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        long every = dashboard.refreshInterval().toMillis();
        refreshing = refresher.scheduleWithFixedDelay(() -> {
            Optional<RunProgress> progress = dashboard.progress();
            // while a run writes, the index panel follows it too (read here, outside the UI lock)
            Optional<IndexHealth> health = progress.map(running -> dashboard.health());
            ui.access(() -> {
                boolean wasRunning = !start.isEnabled() && dashboard.canStartRuns();
                refreshNow(progress);
                health.ifPresent(this::refreshIndex);
                if (progress.isPresent() || wasRunning) {
                    refreshHistory();
                }
            });
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
    }

    static String format(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return "%dm %ds".formatted(seconds / 60, seconds % 60);
        }
        return "%dh %dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }
}
