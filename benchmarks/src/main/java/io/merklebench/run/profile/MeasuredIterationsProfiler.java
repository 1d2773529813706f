package io.merklebench.run.profile;

import one.profiler.AsyncProfiler;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * Runs in the fork: starts async-profiler at the first measurement iteration and stops it after the last, so the
 * recording holds the measured iterations only (not warmup, not the trial's setup). JMH's own {@code async} profiler
 * does the same, but binds the library's functions to a class of its own, which async-profiler 4 no longer exports;
 * this one goes through async-profiler's Java API ({@link AsyncProfiler}), shipped in the same jar as the library.
 *
 * <p>Its options (JMH's profiler init line) are {@code <library path>|<async-profiler start arguments>}, the start
 * arguments naming the events and the recording file ({@code event=cpu,alloc=512k,file=/run/.../fork-1/profile.jfr}).
 */
public final class MeasuredIterationsProfiler implements InternalProfiler {
    private final AsyncProfiler profiler;
    private final String startArguments;
    private int measuredIterations;

    public MeasuredIterationsProfiler(final String initLine) {
        final int separator = initLine.indexOf('|');
        if (separator < 0) {
            throw new IllegalArgumentException("expected '<library>|<start arguments>': " + initLine);
        }
        this.profiler = AsyncProfiler.getInstance(initLine.substring(0, separator));
        this.startArguments = initLine.substring(separator + 1);
    }

    @Override
    public void beforeIteration(final BenchmarkParams benchmarkParams, final IterationParams iterationParams) {
        if (iterationParams.getType() == IterationType.MEASUREMENT && measuredIterations == 0) {
            execute("start," + startArguments);
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(final BenchmarkParams benchmarkParams,
                                                       final IterationParams iterationParams,
                                                       final IterationResult result) {
        if (iterationParams.getType() == IterationType.MEASUREMENT
            && ++measuredIterations == iterationParams.getCount()) {
            execute("stop");
        }
        return List.of();
    }

    @Override
    public String getDescription() {
        return "async-profiler over the measurement iterations (merkle-bench)";
    }

    private void execute(final String command) {
        try {
            profiler.execute(command);
        } catch (final IOException e) {
            throw new UncheckedIOException("async-profiler refused '" + command + "'", e);
        }
    }
}
