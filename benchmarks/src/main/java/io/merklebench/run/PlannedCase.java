package io.merklebench.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One case of {@code mbench run}: one benchmark method with one value for each of its params. Each fork of a case is
 * its own JMH invocation, so a failure is reported with this case's {@link #label()} and the others still run.
 * Immutable; also the form a case takes in {@code plan.json} (its four fields).
 *
 * @param family  CSV family, e.g. {@code write}
 * @param jmhName {@code package.Class.method}
 * @param params  every param the benchmark declares, name to the single value of this case
 * @param timing  iterations per fork
 */
public record PlannedCase(String family, String jmhName, Map<String, String> params, Timing timing) {

    public PlannedCase {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Benchmarks that run in one fork whatever the run's fork count: they record no timed figure that forks would
     * give a spread to (memory.breakdown's class histograms of the same tree), and a fork of a loaded tree is
     * seconds.
     */
    static final Set<String> ONE_FORK_BENCHMARKS = Set.of("memory.breakdown");

    /** The forks this case runs in a run of {@code runForks} forks per case: 1 for {@link #ONE_FORK_BENCHMARKS}. */
    public int forksIn(final int runForks) {
        return ONE_FORK_BENCHMARKS.contains(benchmark()) ? Math.min(1, runForks) : runForks;
    }

    /** The CSV benchmark name: family and method, {@code write.insert}. */
    public String benchmark() {
        return family + "." + jmhName.substring(jmhName.lastIndexOf('.') + 1);
    }

    /** {@code write.insert engine=heap store=mem size=100000 ...}: what progress lines and failures show. */
    public String label() {
        final StringBuilder text = new StringBuilder(benchmark());
        params.forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
        return text.toString();
    }
}
