package io.merklebench.run;

import io.merklebench.bench.TrialDirectory;
import io.merklebench.results.ResultColumns;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one {@link PlannedCase} with JMH: in forked JVMs with the toolkit's JVM flags, with the gc profiler (for
 * {@code allocBytesPerOp}), failing on error ({@code -foe true}: without it a benchmark that throws still "passes").
 * JMH's own console output goes to {@code log}, so the terminal shows {@code mbench run}'s progress only.
 * Not thread-safe (one run at a time: JMH forks use every core).
 */
public final class CaseRunner {
    private final List<String> forkJvmFlags;
    private final Path dataDirectory;
    private final PrintStream log;

    /**
     * @param forkJvmFlags  flags for every fork ({@link ForkJvmFlags#forThisJvm()})
     * @param dataDirectory where trials create their store directories (on the disk being measured)
     * @param log           receives JMH's human-readable output
     */
    public CaseRunner(final List<String> forkJvmFlags, final Path dataDirectory, final PrintStream log) {
        this.forkJvmFlags = List.copyOf(forkJvmFlags);
        this.dataDirectory = dataDirectory;
        this.log = log;
    }

    /** Outcome of one case: its JMH results, or why it failed. */
    public record Outcome(PlannedCase plannedCase, Collection<RunResult> results, String failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    public Outcome run(final PlannedCase plannedCase) {
        final Timing timing = plannedCase.timing();
        final List<String> jvmArgs = new ArrayList<>(forkJvmFlags);
        jvmArgs.add("-D" + TrialDirectory.DATA_DIR_PROPERTY + "=" + dataDirectory.toAbsolutePath());
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("^" + Pattern.quote(plannedCase.jmhName()) + "$")
            .forks(timing.forks())
            .warmupIterations(timing.warmupIterations())
            .warmupTime(TimeValue.milliseconds(timing.warmupMillis()))
            .measurementIterations(timing.measurementIterations())
            .measurementTime(TimeValue.milliseconds(timing.measurementMillis()))
            .jvmArgsAppend(jvmArgs.toArray(new String[0]))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
        plannedCase.params().forEach((name, value) -> {
            if (name.equals(ResultColumns.THREADS)) {
                options.threads(Integer.parseInt(value)); // JMH's thread count, not a @Param
            } else {
                options.param(name, value);
            }
        });
        log.println("# mbench run: " + plannedCase.label());
        final OutputFormat format = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
        try {
            final Collection<RunResult> results = new Runner(options.build(), format).run();
            if (results.isEmpty()) {
                return new Outcome(plannedCase, List.of(), "JMH produced no result (see the JMH log)");
            }
            return new Outcome(plannedCase, results, null);
        } catch (final RunnerException | RuntimeException e) {
            return new Outcome(plannedCase, List.of(), rootMessage(e));
        } finally {
            log.flush();
        }
    }

    /**
     * The message that says what went wrong: JMH wraps the benchmark's own exception (thrown in the fork) as a
     * suppressed exception of a generic "Benchmark error during the run", so suppressed exceptions are searched first,
     * then the innermost cause.
     */
    static String rootMessage(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (final Throwable suppressed : cause.getSuppressed()) {
                return rootMessage(suppressed);
            }
        }
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        final String message = innermost.getMessage();
        return innermost.getClass().getSimpleName()
            + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
