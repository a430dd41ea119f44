package io.github.confluenceassistant.chat.dashboard;

/** How a job execution went, at a glance. */
public enum ExecutionHealth {
    RUNNING, OK, WARNING, FAILED;

    /** Exit codes our job sets on a completed run that still needs attention. */
    static final String MISSING_BODIES = "COMPLETED_WITH_MISSING_BODIES";
    static final String WITH_SKIPS = "COMPLETED_WITH_SKIPS";

    static ExecutionHealth of(String status, String exitCode) {
        return switch (status == null ? "UNKNOWN" : status) {
            case "STARTING", "STARTED", "STOPPING" -> RUNNING;
            case "COMPLETED" -> MISSING_BODIES.equals(exitCode) || WITH_SKIPS.equals(exitCode) ? WARNING : OK;
            default -> FAILED;
        };
    }
}
