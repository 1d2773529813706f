package io.merklebench.run;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.WorkloadParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the JMH results of a case's forks (each fork its own JMH invocation with {@code forks=1}) into the result
 * JMH would have given for one invocation with that many forks: one {@link RunResult} holding every fork's
 * {@link BenchmarkResult}, whose aggregation (score, error, percentiles, secondary results) JMH itself computes over
 * all forks' iterations. The params are the first fork's with {@code forks} set to the count, so {@code jmh.json}
 * says how many forks a result holds. Stateless.
 */
final class ForkResults {
    private ForkResults() {
    }

    /** @param forks one result per finished fork, in fork order; at least one */
    static RunResult merge(final List<RunResult> forks) {
        if (forks.isEmpty()) {
            throw new IllegalArgumentException("merging forks needs at least one fork result");
        }
        final List<BenchmarkResult> benchmarkResults = new ArrayList<>();
        for (final RunResult fork : forks) {
            benchmarkResults.addAll(fork.getBenchmarkResults());
        }
        return new RunResult(withForks(forks.get(0).getParams(), benchmarkResults.size()), benchmarkResults);
    }

    private static BenchmarkParams withForks(final BenchmarkParams params, final int forks) {
        final WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (final String key : params.getParamsKeys()) {
            workload.put(key, params.getParam(key), order++);
        }
        return new BenchmarkParams(params.getBenchmark(), params.generatedBenchmark(), params.shouldSynchIterations(),
            params.getThreads(), params.getThreadGroups(), params.getThreadGroupLabels(), forks,
            params.getWarmupForks(), params.getWarmup(), params.getMeasurement(), params.getMode(), workload,
            params.getTimeUnit(), params.getOpsPerInvocation(), params.getJvm(), params.getJvmArgs(),
            params.getJdkVersion(), params.getVmName(), params.getVmVersion(), params.getJmhVersion(),
            params.getTimeout());
    }
}
