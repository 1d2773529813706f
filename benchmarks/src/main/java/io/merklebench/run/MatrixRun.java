package io.merklebench.run;

import io.merklebench.core.store.StoreFactory;
import io.merklebench.hostinfo.EnvironmentFacts;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.AtomicFiles;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SamplesCsv;
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
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code mbench run}: plans the cases of a profile, runs each as its own JMH invocation (a failure is recorded
 * by name and the run goes on), and after every case rewrites the run folder's files ({@code host.properties},
 * {@code results.csv}, {@code samples.csv}) atomically, so a run stopped half-way leaves complete files holding the
 * cases done. {@code jmh.json} is rewritten at most every {@value #JMH_JSON_INTERVAL_SECONDS} s and after the last
 * case: with SampleTime's raw histograms it grows to about 20 MB in a standard run, and rewriting it after each of
 * 240 cases cost about a quarter of the run's wall time. JMH's console output goes to {@value #JMH_LOG} beside them.
 * Not thread-safe.
 */
public final class MatrixRun {
    /** JMH's human-readable output, kept for diagnosing a failure. */
    public static final String JMH_LOG = "jmh-output.log";
    public static final String JMH_JSON = "jmh.json";
    static final long JMH_JSON_INTERVAL_SECONDS = 300;
    private static final String DATA_FOLDER_PREFIX = "mbench-data-";

    /**
     * What to run and where.
     *
     * @param profile       the profile
     * @param engines       engines, validated registry names
     * @param stores        stores, validated registry names
     * @param filter        keeps matching case labels; null keeps all
     * @param hostLabel     the host folder's name
     * @param resultsRoot   the folder holding host folders ({@code results/})
     * @param dataParent    the folder trial directories are created under (a fresh subfolder, deleted at the end);
     *                      null: inside the run folder
     */
    public record Settings(Profile profile, List<String> engines, List<String> stores, Pattern filter,
                           String hostLabel, Path resultsRoot, Path dataParent) {
    }

    /** What a run produced. */
    public record Outcome(Path runDirectory, List<ResultRow> results, List<String> failures, int caseCount) {
    }

    private final MatrixPlanner planner;
    private final HostFacts hostFacts;

    public MatrixRun(final MatrixPlanner planner, final HostFacts hostFacts) {
        this.planner = planner;
        this.hostFacts = hostFacts;
    }

    /** The cases {@code settings} selects, without running them. */
    public List<PlannedCase> plan(final Settings settings) {
        return planWithSkipped(settings).cases();
    }

    /** As {@link #plan}, with the engine and store combinations left out and why. */
    public MatrixPlan planWithSkipped(final Settings settings) {
        return planner.planWithSkipped(settings.profile(), settings.engines(), settings.stores(), settings.filter());
    }

    public Outcome execute(final Settings settings, final PrintWriter out) throws IOException {
        final MatrixPlan plan = planWithSkipped(settings);
        final List<PlannedCase> cases = plan.cases();
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no benchmark case matches: profile=" + settings.profile().name()
                + " engines=" + settings.engines() + " stores=" + settings.stores()
                + (settings.filter() == null ? "" : " filter=" + settings.filter().pattern())
                + (plan.skipped().isEmpty() ? "" : "; " + String.join("; ", plan.skipSummary())));
        }
        final Instant start = Instant.now();
        final long startNanos = System.nanoTime();
        final Path runDirectory = RunFolder.runDirectory(settings.resultsRoot(), settings.hostLabel(), start)
            .toAbsolutePath().normalize();
        if (Files.exists(runDirectory)) {
            throw new IllegalStateException("run folder already exists (another run started in the same second?): "
                + runDirectory);
        }
        Files.createDirectories(runDirectory);
        final Path dataParent = settings.dataParent() == null ? runDirectory : settings.dataParent().toAbsolutePath();
        Files.createDirectories(dataParent);
        final Path dataDirectory = Files.createTempDirectory(dataParent, DATA_FOLDER_PREFIX);
        final List<String> forkFlags = ForkJvmFlags.forThisJvm();
        final HostProperties host = RunHostProperties.collect(hostFacts, settings.hostLabel(), dataDirectory,
            forkFlags, RunHostProperties.gitCommitOfWorkingDirectory());
        host.put(HostProperties.PROFILE, settings.profile().name())
            .put(HostProperties.RUN_START_UTC, start.toString())
            .put("engines", String.join(",", settings.engines()))
            .put("stores", String.join(",", settings.stores()))
            .put("filter", settings.filter() == null ? "" : settings.filter().pattern());

        final Progress progress = new Progress(out, cases, startNanos);
        out.printf("mbench run: profile=%s, %d cases, expected about %s (%s)%n", settings.profile().name(),
            cases.size(), Progress.format(progress.expectedTotalSeconds()), settings.profile().description());
        out.printf("  engines=%s stores=%s%n  results: %s%n", String.join(",", settings.engines()),
            String.join(",", settings.stores()), runDirectory);
        plan.skipSummary().forEach(line -> out.println("  " + line));
        // Environment facts that change results: recorded, and their warnings printed here.
        final EnvironmentFacts environment = EnvironmentFacts.collect(hostFacts, dataDirectory);
        RunHostProperties.putEnvironment(host, environment);
        environment.warnings().forEach(warning -> out.println("  warning: " + warning));
        out.flush();

        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        final List<RunResult> jmhResults = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final RowMapper mapper = new RowMapper();
        final Path logFile = runDirectory.resolve(JMH_LOG);
        try (OutputStream logStream = Files.newOutputStream(logFile);
             PrintStream log = new PrintStream(logStream, true, StandardCharsets.UTF_8)) {
            final CaseRunner runner = new CaseRunner(forkFlags, dataDirectory, log);
            long lastJsonNanos = startNanos;
            for (int caseIndex = 0; caseIndex < cases.size(); caseIndex++) {
                final PlannedCase plannedCase = cases.get(caseIndex);
                progress.starting(plannedCase, System.nanoTime());
                final CaseRunner.Outcome outcome = runner.run(plannedCase);
                String failure = outcome.failure();
                if (!outcome.failed()) {
                    try {
                        for (final RunResult runResult : outcome.results()) {
                            final RowMapper.Rows rows = mapper.map(plannedCase, runResult);
                            results.addAll(rows.results());
                            samples.addAll(rows.samples());
                            jmhResults.add(runResult);
                        }
                    } catch (final RuntimeException e) {
                        failure = "could not record its results: " + CaseRunner.rootMessage(e);
                    }
                }
                if (failure != null) {
                    failures.add(plannedCase.label() + ": " + failure);
                }
                progress.finished(plannedCase, failure);
                host.put(HostProperties.RUN_SECONDS, Long.toString(Duration.ofNanos(System.nanoTime() - startNanos)
                    .toSeconds()));
                host.put("cases.failed", Integer.toString(failures.size()));
                RunHostProperties.putLoadAtEnd(host, hostFacts); // environment facts: the load as the run ends
                final long now = System.nanoTime();
                final boolean lastCase = caseIndex == cases.size() - 1;
                final boolean writeJson = lastCase
                    || now - lastJsonNanos >= Duration.ofSeconds(JMH_JSON_INTERVAL_SECONDS).toNanos();
                writeFiles(runDirectory, host, results, samples, writeJson ? jmhResults : null);
                if (writeJson) {
                    lastJsonNanos = now;
                }
            }
        } finally {
            StoreFactory.deleteRecursively(dataDirectory);
        }
        return new Outcome(runDirectory, List.copyOf(results), List.copyOf(failures), cases.size());
    }

    /** @param jmhResults null to leave {@code jmh.json} as it is */
    private static void writeFiles(final Path runDirectory, final HostProperties host, final List<ResultRow> results,
                                   final List<SampleRow> samples, final List<RunResult> jmhResults) throws IOException {
        host.write(runDirectory.resolve(HostProperties.FILE_NAME));
        ResultsCsv.write(runDirectory.resolve(ResultsCsv.FILE_NAME), results);
        SamplesCsv.write(runDirectory.resolve(SamplesCsv.FILE_NAME), samples);
        if (jmhResults == null) {
            return;
        }
        final ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (PrintStream jsonOut = new PrintStream(json, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, jsonOut).writeOut(jmhResults);
        }
        AtomicFiles.write(runDirectory.resolve(JMH_JSON), JMH_JSON,
            writer -> writer.write(json.toString(StandardCharsets.UTF_8)));
    }

}
