package io.merklebench.run;

import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded run that {@code mbench run --like RUN} repeats: its {@code plan.json} (the cases with params and
 * timing, forks, order, seed, JVM options) and the host facts it was recorded with, to warn when the toolkit commit
 * or the hardware differs. Immutable.
 */
public final class LikeRun {
    private final Path directory;
    private final RunPlan plan;
    private final HostProperties host;

    private LikeRun(final Path directory, final RunPlan plan, final HostProperties host) {
        this.directory = directory;
        this.plan = plan;
        this.host = host;
    }

    /**
     * Opens a run folder recorded by {@code mbench run} with a plan.
     *
     * @throws IllegalArgumentException naming the folder when it is missing, not a run folder, a host folder, a run
     *     recorded before plans were kept (no plan.json), or its plan.json is not valid
     */
    public static LikeRun open(final Path runDirectory) throws IOException {
        final Path absolute = runDirectory.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalArgumentException("--like needs a run folder: not found: " + absolute);
        }
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("--like needs a run folder: not a directory: " + absolute);
        }
        final Path planFile = absolute.resolve(RunPlanFile.FILE_NAME);
        final Path hostFile = absolute.resolve(HostProperties.FILE_NAME);
        if (!Files.exists(planFile)) {
            if (Files.exists(hostFile) || Files.exists(absolute.resolve(ResultsCsv.FILE_NAME))) {
                final HostProperties recorded = readOrEmpty(hostFile);
                throw new IllegalArgumentException("--like: " + absolute + " has no " + RunPlanFile.FILE_NAME
                    + ": it was recorded before runs kept their plan (results format "
                    + recorded.getOrDefault(HostProperties.FORMAT_VERSION, "1") + "; plans came with format "
                    + ResultColumns.FORMAT_VERSION + "), so it cannot be repeated exactly; run its profile again"
                    + " instead (mbench run --profile " + recorded.getOrDefault(HostProperties.PROFILE, "PROFILE")
                    + ")");
            }
            final Path newestRun = newestRun(absolute);
            throw new IllegalArgumentException(newestRun != null
                ? "--like needs a run folder, not a host folder: " + absolute + " (its newest run: " + newestRun + ")"
                : "--like needs a run folder (one holding " + RunPlanFile.FILE_NAME + " and "
                    + HostProperties.FILE_NAME + "), not: " + absolute);
        }
        final RunPlan plan = RunPlanFile.read(planFile);
        final HostProperties host = Files.exists(hostFile) ? HostProperties.read(hostFile) : new HostProperties();
        return new LikeRun(absolute, plan, host);
    }

    public Path directory() {
        return directory;
    }

    public RunPlan plan() {
        return plan;
    }

    /**
     * Checks that this toolkit can run every recorded case: the benchmark exists, declares the params, and the engine
     * and store are registered. A plan recorded by an older toolkit may name what was renamed or removed since.
     *
     * @throws IllegalArgumentException naming the first case that cannot run and why
     */
    public void requireRunnable(final BenchmarkCatalog catalog, final List<String> engines,
                                final List<String> stores) {
        final List<String> benchmarks = catalog.benchmarks();
        for (int index = 0; index < plan.cases().size(); index++) {
            final PlannedCase plannedCase = plan.cases().get(index);
            final String where = "--like: " + directory.resolve(RunPlanFile.FILE_NAME) + " case " + (index + 1)
                + " (" + plannedCase.label() + "): ";
            if (!benchmarks.contains(plannedCase.jmhName())) {
                throw new IllegalArgumentException(where + "this toolkit has no benchmark " + plannedCase.jmhName());
            }
            for (final String param : plannedCase.params().keySet()) {
                if (!param.equals(ResultColumns.THREADS)
                    && !catalog.params(plannedCase.jmhName()).containsKey(param)) {
                    throw new IllegalArgumentException(where + "the benchmark declares no param " + param
                        + " (it has: " + String.join(", ", catalog.params(plannedCase.jmhName()).keySet()) + ")");
                }
            }
            requireRegistered(where, "engine", plannedCase.params().get(ResultColumns.ENGINE), engines);
            requireRegistered(where, "store", plannedCase.params().get(ResultColumns.STORE), stores);
        }
    }

    /** Warning lines: the recorded toolkit commit or hardware differs from this one's; empty when both match. */
    public List<String> warnings(final String thisCommit, final HostHardware thisHardware) {
        final List<String> warnings = new ArrayList<>();
        final String recordedCommit = host.getOrDefault(HostProperties.GIT_COMMIT, HostHardware.UNKNOWN);
        if (!recordedCommit.equals(thisCommit)) {
            warnings.add("warning: " + directory + " was recorded with toolkit commit " + recordedCommit
                + ", this is " + thisCommit + ": the benchmarks themselves may differ");
        }
        final HostHardware recordedHardware = HostHardware.of(host);
        if (!recordedHardware.sameMachineAs(thisHardware)) {
            warnings.add("warning: " + directory + " was recorded on other hardware (" + recordedHardware.describe()
                + "; this machine: " + thisHardware.describe() + "): its numbers are not this machine's");
        }
        return warnings;
    }

    private static void requireRegistered(final String where, final String what, final String name,
                                          final List<String> registered) {
        if (name != null && !registered.contains(name)) {
            throw new IllegalArgumentException(where + "no " + what + " '" + name + "' on the class path; expected one"
                + " of: " + String.join(", ", registered));
        }
    }

    /** The run's host facts, or none when host.properties is missing or unreadable (only used for messages). */
    private static HostProperties readOrEmpty(final Path hostFile) {
        try {
            return Files.exists(hostFile) ? HostProperties.read(hostFile) : new HostProperties();
        } catch (final IOException | IllegalArgumentException e) {
            return new HostProperties();
        }
    }

    private static Path newestRun(final Path hostDirectory) throws IOException {
        Path newest = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(hostDirectory)) {
            for (final Path entry : entries) {
                if (Files.isDirectory(entry) && RunFolder.isRunFolderName(entry.getFileName().toString())
                    && (newest == null || entry.getFileName().toString().compareTo(newest.getFileName().toString())
                    > 0)) {
                    newest = entry;
                }
            }
        }
        return newest;
    }
}
