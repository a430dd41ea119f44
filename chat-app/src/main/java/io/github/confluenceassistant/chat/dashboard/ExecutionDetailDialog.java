package io.github.confluenceassistant.chat.dashboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** One execution: its steps' counts and exit descriptions, the failure, the skipped pages with links. */
class ExecutionDetailDialog extends Dialog {

    ExecutionDetailDialog(JobExecutionDetail detail) {
        JobExecutionSummary run = detail.execution();
        setHeaderTitle("Execution " + run.id() + " · " + run.jobName() + " · " + run.status() + " (" + run.exitCode() + ")");
        setWidth("min(1100px, 95vw)");
        VerticalLayout content = new VerticalLayout();
        content.setPadding(false);
        if (!detail.failureSummary().isBlank()) {
            content.add(new H4("Failure"), new Pre(detail.failureSummary()));
        } else if (run.health() == ExecutionHealth.WARNING && run.exitDescription() != null) {
            Paragraph warning = new Paragraph(run.exitDescription());
            warning.addClassName("exit-warning");
            content.add(new H4("Warning"), warning);
        }
        content.add(new H4("Steps"), steps(run));
        content.add(new H4("Skipped pages (" + detail.skippedPages().size() + ")"));
        if (detail.skippedPages().isEmpty()) {
            content.add(new Span("No page was skipped."));
        } else {
            content.add(skipped(detail));
        }
        add(content);
        getFooter().add(new Button("Close", click -> close()));
    }

    private static Grid<StepExecutionSummary> steps(JobExecutionSummary run) {
        Grid<StepExecutionSummary> grid = new Grid<>();
        grid.addColumn(StepExecutionSummary::name).setHeader("Step").setAutoWidth(true);
        grid.addColumn(StepExecutionSummary::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(StepExecutionSummary::readCount).setHeader("Read");
        grid.addColumn(StepExecutionSummary::writeCount).setHeader("Written");
        grid.addColumn(StepExecutionSummary::filterCount).setHeader("Filtered");
        grid.addColumn(StepExecutionSummary::skipCount).setHeader("Skipped");
        grid.addColumn(StepExecutionSummary::commitCount).setHeader("Commits");
        grid.addColumn(StepExecutionSummary::rollbackCount).setHeader("Rollbacks");
        grid.addColumn(s -> s.exitCode() + (s.exitDescription() == null || s.exitDescription().isBlank() ? ""
                : ": " + s.exitDescription().lines().findFirst().orElse(""))).setHeader("Exit").setFlexGrow(3);
        grid.setItems(run.steps());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Grid<SkippedPage> skipped(JobExecutionDetail detail) {
        Grid<SkippedPage> grid = new Grid<>();
        grid.addComponentColumn(page -> page.url() == null ? new Span(nullToDash(page.title()))
                : new Anchor(page.url(), nullToDash(page.title()), com.vaadin.flow.component.html.AnchorTarget.BLANK))
                .setHeader("Page").setFlexGrow(2);
        grid.addColumn(SkippedPage::pageId).setHeader("Id").setAutoWidth(true);
        grid.addColumn(page -> nullToDash(page.spaceKey())).setHeader("Space").setAutoWidth(true);
        grid.addColumn(SkippedPage::reason).setHeader("Reason").setFlexGrow(3);
        grid.setItems(detail.skippedPages());
        grid.setHeight("300px");
        return grid;
    }

    private static String nullToDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
