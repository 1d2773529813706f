package io.merklebench.run;

import io.merklebench.core.store.StoreFactory;
import io.merklebench.hostinfo.EnvironmentFacts;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.ProfileFolders;
import io.merklebench.results.AtomicFiles;
import io.merklebench.results.HostProperties;
import io.merklebench.results.MemoryBreakdownCsv;
import io.merklebench.results.ProfileTopCsv;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SamplesCsv;
import io.merklebench.run.profile.ProfileFiles;
import io.merklebench.run.profile.ProfilerEvent;
import io.merklebench.run.profile.ProfilerSetup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.BenchmarkResultMetaData;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One {@code mbench run} of a {@link RunPlan}: every fork of every case is its own JMH invocation, run in the order of
 * {@link ForkSchedule} (forks of different cases interleaved). A failing fork is recorded by name, the case's remaining
 * forks are skipped, and the run goes on. After every fork the run folder's files are rewritten atomically ({@code
 * host.properties}, {@code results.csv}, {@code samples.csv}, {@code order.csv}, and {@code memory-breakdown.csv}
 * when the plan has {@code memory.breakdown} cases), so a run stopped half-way leaves
 * complete files holding the forks done, and {@code run.forksDone} below {@code run.forksPlanned} in host.properties
 * says so (diff, report and hosts warn about it); a case's row appears once one of its forks finished, merged over its
 * finished forks ({@link ForkResults}). {@code plan.json} is written first, so even a stopped run can be repeated with
 * {@code --like}. {@code jmh.json} is rewritten at most every {@value #JMH_JSON_INTERVAL_SECONDS} s and after the last
 * fork: with SampleTime's raw histograms it grows to about 20 MB in a standard run, and rewriting it after each of 240
 * cases cost about a quarter of the run's wall time. JMH's console output goes to {@value #JMH_LOG} beside them. Not
 * thread-safe.
 */
public final class MatrixRun {
    /** JMH's human-readable output, kept for diagnosing a failure. */
    public static final String JMH_LOG = "jmh-output.log";
    public static final String JMH_JSON = "jmh.json";
    static final long JMH_JSON_INTERVAL_SECONDS = 300;
    private static final String DATA_FOLDER_PREFIX = "mbench-data-";

    /**
     * Where a run is recorded and writes.
     *
     * @param hostLabel   the host folder's name
     * @param resultsRoot the folder holding host folders ({@code results/})
     * @param dataParent  the folder trial directories are created under (a fresh subfolder, deleted at the end);
     *                    null: inside the run folder
     * @param likeRun     the run folder this run repeats ({@code --like}); null otherwise
     */
    public record Target(String hostLabel, Path resultsRoot, Path dataParent, Path likeRun) {
    }

    /** What a run produced; {@code failures} has one line per failed case. */
    /**
     * @param stopped whether a stop request ended the run before its last fork (what finished is recorded, and the
     *                run is marked by {@code run.forksDone} below {@code run.forksPlanned})
     */
    public record Outcome(Path runDirectory, List<ResultRow> results, List<String> failures, int caseCount,
                          boolean stopped, int forksDone, int forksPlanned) {
    }

    private final HostFacts hostFacts;
    /** Null when the run is not profiled. */
    private final ProfilerSetup profiler;

    public MatrixRun(final HostFacts hostFacts) {
        this(hostFacts, null);
    }

    /** A run whose every fork is profiled by {@code profiler} (null: none) in its measurement iterations. */
    public MatrixRun(final HostFacts hostFacts, final ProfilerSetup profiler) {
        this.hostFacts = hostFacts;
        this.profiler = profiler;
    }

    public Outcome execute(final RunPlan plan, final Target target, final PrintWriter out) throws IOException {
        return execute(plan, target, out, () -> false);
    }

    /**
     * Runs the plan's forks; {@code stopRequested} is asked before each fork and after it, so a stop (Ctrl-C, SIGTERM)
     * ends the run at a fork boundary: a fork cut short by the stop is not recorded, as a result or as a failure,
     * everything finished before it is, and the benchmark data folder is deleted.
     */
    public Outcome execute(final RunPlan plan, final Target target, final PrintWriter out,
                           final BooleanSupplier stopRequested) throws IOException {
        final List<PlannedCase> cases = plan.cases();
        final Instant start = Instant.now();
        final long startNanos = System.nanoTime();
        final Path runDirectory = RunFolder.createRunDirectory(target.resultsRoot(), target.hostLabel(), start);
        final Path dataParent = target.dataParent() == null ? runDirectory : target.dataParent().toAbsolutePath();
        Files.createDirectories(dataParent);
        final Path dataDirectory = Files.createTempDirectory(dataParent, DATA_FOLDER_PREFIX);
        final List<String> toolkitFlags = ForkJvmFlags.forThisJvm();
        final HostProperties host = RunHostProperties.collect(hostFacts, target.hostLabel(), dataDirectory,
            toolkitFlags, plan.jvmArgs(), RunHostProperties.toolkitGitCommit());
        host.put(HostProperties.PROFILE, plan.profile())
            .put(HostProperties.RUN_START_UTC, start.toString())
            .put("engines", String.join(",", plan.engines()))
            .put("stores", String.join(",", plan.stores()))
            .put("filter", plan.filter())
            .put(HostProperties.RUN_FORKS, Integer.toString(plan.forks()))
            .put(HostProperties.RUN_ORDER, plan.order().label())
            .put(HostProperties.PROFILER, profiler == null ? HostProperties.NOT_PROFILED
                : ProfilerEvent.join(profiler.events()));
        if (profiler != null) {
            host.put(HostProperties.PROFILER_METHOD, profiler.description());
        }
        if (plan.seed() != null) {
            host.put(HostProperties.RUN_SEED, Long.toString(plan.seed()));
        }
        if (target.likeRun() != null) {
            host.put(HostProperties.RUN_LIKE, target.likeRun().toAbsolutePath().normalize().toString());
        }
        final List<ForkSchedule.Entry> schedule = ForkSchedule.of(cases, plan.forks(), plan.order(),
            plan.scheduleSeed());
        host.put(HostProperties.RUN_FORKS_DONE, "0")
            .put(HostProperties.RUN_FORKS_PLANNED, Integer.toString(schedule.size()));
        RunPlanFile.write(runDirectory.resolve(RunPlanFile.FILE_NAME), plan);
        host.write(runDirectory.resolve(HostProperties.FILE_NAME));

        final Progress progress = new Progress(out, schedule, startNanos);
        out.printf("mbench run: profile=%s, %d cases x %d fork%s%s (%s order%s), expected about %s%n", plan.profile(),
            cases.size(), plan.forks(), plan.forks() == 1 ? "" : "s", schedule.size() == cases.size() * plan.forks()
                ? "" : " = " + schedule.size() + " forks (memory.breakdown cases: 1 fork)", plan.order().label(),
            plan.seed() == null ? "" : ", seed " + plan.seed(),
            Progress.format(Progress.expectedTotalSeconds(cases, plan.forks())));
        out.printf("  engines=%s stores=%s%s%n  results: %s%n", String.join(",", plan.engines()),
            String.join(",", plan.stores()), plan.jvmArgs().isEmpty() ? ""
                : "\n  JVM options of every fork, after the toolkit's: " + String.join(" ", plan.jvmArgs()),
            runDirectory);
        if (profiler != null) {
            out.printf("  profiling %s in every fork's measurement iterations with %s: every figure carries its cost"
                + "%n  (flame graphs in %s/, top frames in %s)%n", ProfilerEvent.join(profiler.events()),
                profiler.description(), ProfileFiles.DIRECTORY, ProfileTopCsv.FILE_NAME);
        }
        // Environment facts that change results: recorded, and their warnings printed here.
        final EnvironmentFacts environment = EnvironmentFacts.collect(hostFacts, dataDirectory);
        RunHostProperties.putEnvironment(host, environment);
        environment.warnings().forEach(warning -> out.println("  warning: " + warning));
        out.flush();

        final Recorded recorded = new Recorded(cases);
        final List<OrderCsv.Row> order = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final Set<Integer> failedCases = new HashSet<>();
        final Path logFile = runDirectory.resolve(JMH_LOG);
        boolean stopped = false;
        int forksDone = 0;
        try (OutputStream logStream = Files.newOutputStream(logFile);
             PrintStream log = new PrintStream(logStream, true, StandardCharsets.UTF_8)) {
            final CaseRunner runner = new CaseRunner(toolkitFlags, plan.jvmArgs(), dataDirectory, log,
                profiler == null ? null
                    : new CaseRunner.ForkProfiling(profiler, runDirectory.resolve(ProfileFiles.DIRECTORY)));
            long lastJsonNanos = startNanos;
            for (final ForkSchedule.Entry entry : schedule) {
                if (stopRequested.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                final boolean lastFork = entry.sequence() == schedule.size();
                if (failedCases.contains(entry.caseIndex())) {
                    progress.skipped(entry);
                    order.add(new OrderCsv.Row(entry.sequence(), entry.plannedCase().label(), entry.fork(), null, -1,
                        -1, OrderCsv.Outcome.SKIPPED, "an earlier fork of this case failed"));
                } else {
                    progress.starting(entry, System.nanoTime());
                    final Instant forkStart = Instant.now();
                    final CaseRunner.Outcome outcome = runner.run(entry.plannedCase(), entry.fork(), entry.forks());
                    final long durationMillis = Duration.between(forkStart, Instant.now()).toMillis();
                    if (stopRequested.getAsBoolean() && outcome.failed()) {
                        // The signal reached the fork too (or was passed on to it): a stop, not a failure.
                        stopped = true;
                        order.add(new OrderCsv.Row(entry.sequence(), entry.plannedCase().label(), entry.fork(),
                            forkStart, durationMillis, -1, OrderCsv.Outcome.SKIPPED, "stopped by a signal"));
                        writeFiles(runDirectory, host, recorded, order, true);
                        break;
                    }
                    String failure = outcome.failure();
                    if (!outcome.failed()) {
                        failure = recorded.add(entry.caseIndex(), outcome.result());
                    }
                    if (failure != null) {
                        failedCases.add(entry.caseIndex());
                        failures.add(entry.plannedCase().label() + " (fork " + entry.fork() + " of " + entry.forks()
                            + "): " + failure);
                    }
                    progress.finished(entry, failure);
                    order.add(new OrderCsv.Row(entry.sequence(), entry.plannedCase().label(), entry.fork(), forkStart,
                        durationMillis, outcome.failed() ? -1 : toFirstIterationMillis(outcome.result()),
                        failure == null ? OrderCsv.Outcome.OK : OrderCsv.Outcome.FAILED,
                        failure == null ? "" : failure));
                }
                host.put(HostProperties.RUN_SECONDS, Long.toString(Duration.ofNanos(System.nanoTime() - startNanos)
                    .toSeconds()));
                forksDone = entry.sequence();
                host.put("cases.failed", Integer.toString(failedCases.size()))
                    .put(HostProperties.RUN_FORKS_DONE, Integer.toString(forksDone));
                RunHostProperties.putLoadAtEnd(host, hostFacts); // environment facts: the load as the run ends
                final long now = System.nanoTime();
                final boolean writeJson = lastFork
                    || now - lastJsonNanos >= Duration.ofSeconds(JMH_JSON_INTERVAL_SECONDS).toNanos();
                writeFiles(runDirectory, host, recorded, order, writeJson);
                if (writeJson) {
                    lastJsonNanos = now;
                }
            }
        } finally {
            StoreFactory.deleteRecursively(dataDirectory);
        }
        if (profiler != null) {
            finishProfiles(runDirectory, cases, failures);
        }
        return new Outcome(runDirectory, recorded.results(), List.copyOf(failures), cases.size(), stopped, forksDone,
            schedule.size());
    }

    /**
     * Sums each profiled case's forks into its flame graphs and writes {@value ProfileTopCsv#FILE_NAME}; a case whose
     * profile cannot be finished is reported with the failures, and the others are kept.
     */
    private void finishProfiles(final Path runDirectory, final List<PlannedCase> cases, final List<String> failures)
        throws IOException {
        final Path profiles = runDirectory.resolve(ProfileFiles.DIRECTORY);
        final List<ProfileTopCsv.Row> top = new ArrayList<>();
        for (final PlannedCase plannedCase : cases) {
            final Path caseDirectory = profiles.resolve(ProfileFolders.caseDirectoryName(plannedCase.label()));
            if (!Files.isDirectory(caseDirectory)) {
                continue;
            }
            try {
                top.addAll(ProfileFiles.finishCase(caseDirectory, plannedCase.label(), profiler.events()));
            } catch (final IOException | RuntimeException e) {
                failures.add(plannedCase.label() + ": its profile could not be finished: " + CaseRunner.rootMessage(e));
            }
        }
        ProfileTopCsv.write(runDirectory.resolve(ProfileTopCsv.FILE_NAME), top);
    }

    /** Launch to the first iteration of a fork, from JMH's metadata; -1 when JMH gives none. */
    private static long toFirstIterationMillis(final RunResult fork) {
        for (final BenchmarkResult result : fork.getBenchmarkResults()) {
            final BenchmarkResultMetaData metadata = result.getMetadata();
            if (metadata != null && metadata.getStartTime() > 0
                && metadata.getWarmupTime() >= metadata.getStartTime()) {
                return metadata.getWarmupTime() - metadata.getStartTime();
            }
        }
        return -1;
    }

    private static void writeFiles(final Path runDirectory, final HostProperties host, final Recorded recorded,
                                   final List<OrderCsv.Row> order, final boolean writeJson) throws IOException {
        host.write(runDirectory.resolve(HostProperties.FILE_NAME));
        ResultsCsv.write(runDirectory.resolve(ResultsCsv.FILE_NAME), recorded.results());
        SamplesCsv.write(runDirectory.resolve(SamplesCsv.FILE_NAME), recorded.samples());
        OrderCsv.write(runDirectory.resolve(OrderCsv.FILE_NAME), order);
        final List<MemoryBreakdownCsv.Row> breakdown = recorded.breakdown();
        if (!breakdown.isEmpty()) {
            MemoryBreakdownCsv.write(runDirectory.resolve(MemoryBreakdownCsv.FILE_NAME), breakdown);
        }
        if (!writeJson) {
            return;
        }
        final ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (PrintStream jsonOut = new PrintStream(json, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, jsonOut).writeOut(recorded.merged());
        }
        AtomicFiles.write(runDirectory.resolve(JMH_JSON), JMH_JSON,
            writer -> writer.write(json.toString(StandardCharsets.UTF_8)));
    }

    /** The finished forks of every case and the rows they give, kept in plan order. */
    private static final class Recorded {
        private final List<PlannedCase> cases;
        private final List<List<RunResult>> forksByCase = new ArrayList<>();
        private final List<RowMapper.Rows> rowsByCase = new ArrayList<>();
        private final RowMapper mapper = new RowMapper();

        Recorded(final List<PlannedCase> cases) {
            this.cases = cases;
            for (int index = 0; index < cases.size(); index++) {
                forksByCase.add(new ArrayList<>());
                rowsByCase.add(null);
            }
        }

        /** Adds a fork's result and maps the case's forks again; returns why it could not, or null. */
        String add(final int caseIndex, final RunResult fork) {
            final List<RunResult> forks = new ArrayList<>(forksByCase.get(caseIndex));
            forks.add(fork);
            try {
                rowsByCase.set(caseIndex, mapper.map(cases.get(caseIndex), ForkResults.merge(forks)));
            } catch (final RuntimeException e) {
                return "could not record its results: " + CaseRunner.rootMessage(e);
            }
            forksByCase.set(caseIndex, forks);
            return null;
        }

        List<ResultRow> results() {
            final List<ResultRow> results = new ArrayList<>();
            rowsByCase.stream().filter(rows -> rows != null).forEach(rows -> results.addAll(rows.results()));
            return List.copyOf(results);
        }

        List<SampleRow> samples() {
            final List<SampleRow> samples = new ArrayList<>();
            rowsByCase.stream().filter(rows -> rows != null).forEach(rows -> samples.addAll(rows.samples()));
            return samples;
        }

        /** The memory-breakdown.csv rows of the {@code memory.breakdown} cases, in plan order. */
        List<MemoryBreakdownCsv.Row> breakdown() {
            final List<MemoryBreakdownCsv.Row> rows = new ArrayList<>();
            rowsByCase.stream().filter(caseRows -> caseRows != null)
                .forEach(caseRows -> rows.addAll(caseRows.breakdown()));
            return rows;
        }

        List<RunResult> merged() {
            final List<RunResult> merged = new ArrayList<>();
            for (final List<RunResult> forks : forksByCase) {
                if (!forks.isEmpty()) {
                    merged.add(ForkResults.merge(forks));
                }
            }
            return merged;
        }
    }
}
