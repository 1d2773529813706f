package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.RunFolder;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells when a run was stopped before it went through its schedule (killed, or the machine restarted): its files are
 * complete, but its rows merge fewer forks than planned and the cases after the stop are missing, so its intervals
 * are wider and a diff against it has fewer rows. Read from host.properties
 * ({@link io.merklebench.results.HostProperties#stoppedEarly()}). Used by {@code diff}, the report and {@code hosts}.
 * Stateless.
 */
final class StoppedRuns {
    /** The profile {@code mbench simulate} records. */
    private static final String SIMULATE_PROFILE = "simulate";

    private StoppedRuns() {
    }

    /** One warning per run of {@code runs} that was stopped early; empty if every run finished. */
    static List<String> warnings(final List<RunFolder> runs) {
        final List<String> warnings = new ArrayList<>();
        for (final RunFolder run : runs) {
            run.hostProperties().stoppedEarly().ifPresent(stopped -> warnings.add(
                SIMULATE_PROFILE.equals(run.hostProperties().get(HostProperties.PROFILE))
                    ? simulationWarning(run.displayName(), stopped) : warning(run.displayName(), stopped)));
        }
        return List.copyOf(warnings);
    }

    /** {@code run vm/20261202T011946Z stopped after 72 of 108 forks: ...}. */
    static String warning(final String runName, final String stopped) {
        return "run " + runName + " " + stopped + ": its rows hold fewer forks than planned and later cases may be"
            + " missing (repeat it with mbench run --like)";
    }

    /** {@code run vm/... stopped after 2 of 4 forks: ...}, for a run of {@code mbench simulate}. */
    static String simulationWarning(final String runName, final String stopped) {
        return "run " + runName + " " + stopped + ": the engine x store pairs after the stop are missing (repeat it"
            + " with mbench simulate on the folder's simulation-plan.json)";
    }

    /**
     * The warnings about {@code runs} as a whole: different machines ({@link MachineCheck}), different simulation
     * plans ({@link SimulationPlans}), stopped runs, then runs without samples.csv (one value per row, no test).
     */
    static List<String> withMachineWarnings(final List<RunFolder> runs) {
        final List<String> all = new ArrayList<>(MachineCheck.warnings(runs));
        all.addAll(SimulationPlans.warnings(runs));
        all.addAll(warnings(runs));
        for (final RunFolder run : runs) {
            if (run.samples().isEmpty() && !run.results().isEmpty()) {
                all.add("run " + run.directory() + " has no samples.csv: each of its rows is one value (the score), so"
                    + " no test can give a verdict on it");
            }
        }
        return List.copyOf(all);
    }
}
