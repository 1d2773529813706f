package io.merklebench.run;

import io.merklebench.bench.TrialDirectory;
import io.merklebench.results.ProfileFolders;
import io.merklebench.results.ResultColumns;
import io.merklebench.run.profile.ProfileFiles;
import io.merklebench.run.profile.ProfilerSetup;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs one fork of a {@link PlannedCase} as its own JMH invocation ({@code forks=1}), with the gc profiler (for
 * {@code allocBytesPerOp}), failing on error ({@code -foe true}: without it a benchmark that throws still "passes").
 *
 * <p>The fork's JVM options are exactly {@link #forkJvmArgs()}: the toolkit's flags, the user's options, the data
 * directory property. They are given to JMH as {@code jvmArgs}, which replaces the options JMH would otherwise copy
 * from this JVM (the launcher's flags, {@code MBENCH_JAVA_OPTS}), so the toolkit's flags are not passed twice and
 * the fork runs with what {@code host.properties} records. Run from the mbench jar, each fork also gets the
 * {@link ParentWatch} agent, so that it does not outlive {@code mbench run}. JMH's own console output goes to {@code log}, so the
 * terminal shows {@code mbench run}'s progress only. Not thread-safe (one fork at a time: JMH forks use every core).
 */
public final class CaseRunner {
    /** JMH's line before the fork's stderr when the forked JVM exits with an error. */
    private static final String STDERR_START = "<stderr last=";
    private static final String STDERR_END = "</stderr>";
    /** What JMH throws when the forked JVM exits with an error and no benchmark exception came back. */
    private static final String FORKED_VM_FAILED = "Forked VM failed with exit code";

    private final List<String> forkJvmArgs;
    private final PrintStream log;
    /** Null when the run is not profiled. */
    private final ForkProfiling profiling;

    /**
     * A profiled run's profiler and where its cases' profiles go ({@code <run>/profiles}, see {@link ProfileFiles}).
     */
    public record ForkProfiling(ProfilerSetup setup, Path profilesDirectory) {
    }

    /**
     * @param toolkitFlags  the toolkit's flags for every fork ({@link ForkJvmFlags#forThisJvm()})
     * @param userJvmArgs   the user's options ({@code --jvm-args}), after the toolkit's
     * @param dataDirectory where trials create their store directories (on the disk being measured)
     * @param log           receives JMH's human-readable output
     */
    public CaseRunner(final List<String> toolkitFlags, final List<String> userJvmArgs, final Path dataDirectory,
                      final PrintStream log) {
        this(toolkitFlags, userJvmArgs, dataDirectory, log, null);
    }

    /** As above; {@code profiling} (null: none) profiles every fork's measurement iterations. */
    public CaseRunner(final List<String> toolkitFlags, final List<String> userJvmArgs, final Path dataDirectory,
                      final PrintStream log, final ForkProfiling profiling) {
        final List<String> args = new ArrayList<>(toolkitFlags);
        args.addAll(userJvmArgs);
        args.add("-D" + TrialDirectory.DATA_DIR_PROPERTY + "=" + dataDirectory.toAbsolutePath());
        ParentWatch.agentOptionForThisProcess().ifPresent(args::add);
        this.forkJvmArgs = List.copyOf(args);
        this.log = log;
        this.profiling = profiling;
    }

    /** Outcome of one fork: its JMH result, or why it failed. */
    public record Outcome(RunResult result, String failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /** The JVM options of every fork, in order. */
    public List<String> forkJvmArgs() {
        return forkJvmArgs;
    }

    /** Runs fork {@code fork} of {@code forks} of {@code plannedCase}. */
    public Outcome run(final PlannedCase plannedCase, final int fork, final int forks) {
        final Timing timing = plannedCase.timing();
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("^" + Pattern.quote(plannedCase.jmhName()) + "$")
            .forks(1)
            .warmupIterations(timing.warmupIterations())
            .warmupTime(TimeValue.milliseconds(timing.warmupMillis()))
            .measurementIterations(timing.measurementIterations())
            .measurementTime(TimeValue.milliseconds(timing.measurementMillis()))
            .jvmArgs(forkJvmArgs.toArray(new String[0]))
            // Benchmarks' own @Fork(jvmArgsAppend/Prepend) would add options the run does not record.
            .jvmArgsAppend()
            .jvmArgsPrepend()
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
        final Path forkProfile = profiling == null ? null : ProfileFiles.forkDirectory(
            profiling.profilesDirectory().resolve(ProfileFolders.caseDirectoryName(plannedCase.label())), fork);
        if (forkProfile != null) {
            try {
                Files.createDirectories(forkProfile);
            } catch (final IOException e) {
                return new Outcome(null, "its profile folder could not be created: " + e.getMessage());
            }
            profiling.setup().addTo(options, forkProfile);
        }
        plannedCase.params().forEach((name, value) -> {
            if (name.equals(ResultColumns.THREADS)) {
                options.threads(Integer.parseInt(value)); // JMH's thread count, not a @Param
            } else {
                options.param(name, value);
            }
        });
        log.println("# mbench run: " + plannedCase.label() + " (fork " + fork + " of " + forks + ")");
        // JMH's output of this invocation is also kept, to find the forked JVM's own error message in it.
        final ByteArrayOutputStream thisFork = new ByteArrayOutputStream();
        final PrintStream tee = new PrintStream(new TeeStream(log, thisFork), true, StandardCharsets.UTF_8);
        final OutputFormat format = OutputFormatFactory.createFormatInstance(tee, VerboseMode.NORMAL);
        try {
            final Collection<RunResult> results = new Runner(options.build(), format).run();
            if (results.size() != 1) {
                return new Outcome(null, "JMH produced " + results.size() + " results instead of 1 (see the JMH log)");
            }
            if (forkProfile != null) {
                try {
                    ProfileFiles.collapseFork(forkProfile, profiling.setup().events());
                } catch (final IOException e) {
                    return new Outcome(null, "its profile could not be read: " + e.getMessage());
                }
            }
            return new Outcome(results.iterator().next(), null);
        } catch (final RunnerException | RuntimeException e) {
            tee.flush();
            return new Outcome(null, failureMessage(e, thisFork.toString(StandardCharsets.UTF_8)));
        } finally {
            tee.flush();
            log.flush();
        }
    }

    /**
     * The benchmark's own exception when there is one; when the forked JVM itself failed (it would not start with the
     * given options, or it crashed), JMH's "Forked VM failed with exit code N" plus the first line the JVM printed on
     * stderr, e.g. {@code Unrecognized VM option 'Foo'}.
     */
    static String failureMessage(final Throwable failure, final String jmhOutput) {
        final String message = rootMessage(failure);
        if (!message.contains(FORKED_VM_FAILED)) {
            return message;
        }
        final String firstStderrLine = firstStderrLine(jmhOutput);
        return firstStderrLine == null ? message
            : message.substring(message.indexOf(FORKED_VM_FAILED)) + ": " + firstStderrLine;
    }

    /** The first non-blank line of the last {@code <stderr ...>} block JMH printed, or null. */
    static String firstStderrLine(final String jmhOutput) {
        final int start = jmhOutput.lastIndexOf(STDERR_START);
        if (start < 0) {
            return null;
        }
        final List<String> lines = jmhOutput.substring(start).lines().skip(1).toList();
        for (final String line : lines) {
            if (line.startsWith(STDERR_END)) {
                return null;
            }
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
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

    /** Writes to two streams; closing it closes neither (the log outlives one fork). */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(final OutputStream first, final OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(final int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
