package io.github.confluenceassistant.chat.dashboard;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.Optional;

/** The dashboard's data as JSON, for admins (SecurityConfig guards {@code /api/jobs/**}). */
@RestController
@RequestMapping("/api/jobs")
class JobsController {

    private final IngestionDashboard dashboard;

    JobsController(IngestionDashboard dashboard) {
        this.dashboard = dashboard;
    }

    /** The last executions, newest first; {@code ?status=FAILED} filters by Spring Batch status. */
    @GetMapping
    List<JobExecutionSummary> executions(@RequestParam Optional<String> status) {
        return dashboard.history(status.map(String::toUpperCase));
    }

    @GetMapping("/{executionId}")
    JobExecutionDetail execution(@PathVariable long executionId) {
        return dashboard.detail(executionId).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No job execution " + executionId));
    }
}
