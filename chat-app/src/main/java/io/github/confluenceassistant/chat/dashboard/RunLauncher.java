package io.github.confluenceassistant.chat.dashboard;

import java.util.Optional;

/**
 * Starts the job program once. The program itself decides what to run: it restarts the last failed execution's
 * instance when there is one, otherwise it starts a new run.
 */
public interface RunLauncher {

    /** Whether runs can be started from the dashboard at all. */
    boolean available();

    /** How runs are started, or what to configure so they can be. */
    String description();

    /** A run this launcher started that is still alive (a process, a Kubernetes Job), if any. */
    Optional<String> activeRun();

    /** @return what was started, for the user */
    String launch();

    /** The launcher when none is configured. */
    static RunLauncher none() {
        return new RunLauncher() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String description() {
                return "Starting runs from here is off: set assistant.dashboard.local-job-command "
                        + "(e.g. java -jar batch-job/target/batch-job-exec.jar) or assistant.dashboard.kubernetes.enabled=true";
            }

            @Override
            public Optional<String> activeRun() {
                return Optional.empty();
            }

            @Override
            public String launch() {
                throw new RunRefusedException(description());
            }
        };
    }
}
