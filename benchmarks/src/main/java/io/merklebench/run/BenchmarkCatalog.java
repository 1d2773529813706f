package io.merklebench.run;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JMH benchmarks compiled into the toolkit and the params each declares (with their {@code @Param} defaults),
 * read from {@code META-INF/BenchmarkList}, which JMH's annotation processor writes. The planner needs the declared
 * params to expand a profile into one case per param set. Immutable.
 */
public final class BenchmarkCatalog {
    private final Map<String, Map<String, List<String>>> paramsByBenchmark;

    /**
     * @param paramsByBenchmark JMH benchmark name ({@code package.Class.method}) to its params, name to default values
     */
    public BenchmarkCatalog(final Map<String, Map<String, List<String>>> paramsByBenchmark) {
        final Map<String, Map<String, List<String>>> copy = new TreeMap<>();
        paramsByBenchmark.forEach((name, params) -> copy.put(name, Collections.unmodifiableMap(new LinkedHashMap<>(params))));
        this.paramsByBenchmark = Collections.unmodifiableMap(copy);
    }

    /** The benchmarks on the class path. */
    public static BenchmarkCatalog fromClassPath() {
        final OutputFormat silent = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        final Map<String, Map<String, List<String>>> params = new TreeMap<>();
        for (final BenchmarkListEntry entry : BenchmarkList.defaultList().getAll(silent, List.of())) {
            final Map<String, List<String>> declared = new LinkedHashMap<>();
            entry.getParams().orElse(Map.of()).forEach((name, values) -> declared.put(name, Arrays.asList(values)));
            params.put(entry.getUsername(), declared);
        }
        if (params.isEmpty()) {
            throw new IllegalStateException("no JMH benchmarks on the class path: META-INF/BenchmarkList is missing;"
                + " run from the mbench jar or a build of the benchmarks module");
        }
        return new BenchmarkCatalog(params);
    }

    /** Benchmark names, sorted. */
    public List<String> benchmarks() {
        return List.copyOf(paramsByBenchmark.keySet());
    }

    /** The params of {@code benchmark} with their declared defaults, in declaration order. */
    public Map<String, List<String>> params(final String benchmark) {
        final Map<String, List<String>> params = paramsByBenchmark.get(benchmark);
        if (params == null) {
            throw new IllegalArgumentException("unknown benchmark " + benchmark);
        }
        return params;
    }
}
