package io.merklebench.cli;

import io.merklebench.core.registry.Registry;
import io.merklebench.results.HostProperties;
import io.merklebench.results.MemoryBreakdownCsv;
import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.run.MatrixRun;
import io.merklebench.run.PlannedCase;
import io.merklebench.run.RunPlan;
import io.merklebench.run.RunPlanFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the {@code smoke} profile end to end through {@code mbench run}, with real JMH forks (two per case, shuffled,
 * with a JVM option of the user's), reads back what it wrote, and lists it again with {@code --like}. To stay within
 * about a minute on a shared 2-core machine it runs one engine and, unless {@code -Dmerklebench.smoke.all=true}, a
 * subset of the cases covering every kind of row (plain, SampleTime with store counters, derived per-block rows,
 * memory rows).
 */
class RunCommandSmokeTest {
    private static final String SUBSET_FILTER = "^(store\\.put|write\\.update|block\\.tx|memory\\.perKey) ";

    @TempDir
    Path temp;

    @Test
    void shouldRunTheSmokeProfileAndWriteFilesThatParse() throws IOException {
        // Other builds on a shared machine may run JMH at the same time; this test checks the files, not figures.
        System.setProperty("jmh.ignoreLock", "true");
        final Path out = temp.resolve("results");
        final StringWriter stdout = new StringWriter();
        final StringWriter stderr = new StringWriter();
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(stdout));
        commandLine.setErr(new PrintWriter(stderr));
        final List<String> engines = Registry.engineNames();
        final List<String> args = new java.util.ArrayList<>(List.of("run", "--profile", "smoke", "--label", "ci-host",
            "--out", out.toString(), "--forks", "2", "--order", "shuffle", "--seed", "7", "--jvm-args", "-Xss2m"));
        if (!engines.isEmpty()) {
            args.addAll(List.of("--engines", engines.get(0)));
        }
        if (!Boolean.getBoolean("merklebench.smoke.all")) {
            args.addAll(List.of("--filter", SUBSET_FILTER));
        }

        final int exitCode = commandLine.execute(args.toArray(new String[0]));

        assertEquals(0, exitCode, "stdout:\n" + stdout + "\nstderr:\n" + stderr);
        final Path hostFolder = out.resolve("ci-host");
        final RunFolder run = RunFolder.open(hostFolder);
        assertTrue(stdout.toString().contains("Results: " + run.directory()), stdout.toString());

        final HostProperties host = run.hostProperties();
        for (final String key : HostProperties.KNOWN_KEYS) {
            // run.like is only written by a run started with --like; profiler.method only by a profiled run.
            final boolean optional = key.equals(HostProperties.RUN_LIKE) || key.equals(HostProperties.PROFILER_METHOD);
            assertTrue(optional || host.get(key) != null,
                "host.properties lacks " + key + ": " + host);
        }
        for (final String key : List.of(HostProperties.CPU_GOVERNOR, HostProperties.CPU_BOOST,
                HostProperties.THP_ENABLED, HostProperties.THP_DEFRAG)) {
            assertTrue(host.get(key) != null, "host.properties lacks " + key + ": " + host);
        }
        assertEquals("smoke", host.get(HostProperties.PROFILE));
        assertEquals("ci-host", host.get(HostProperties.LABEL));
        assertEquals(HostProperties.NOT_PROFILED, host.get(HostProperties.PROFILER));
        assertNull(host.get(HostProperties.PROFILER_METHOD));
        assertEquals("2", host.get(HostProperties.RUN_FORKS));
        assertEquals("shuffle", host.get(HostProperties.RUN_ORDER));
        assertEquals("7", host.get(HostProperties.RUN_SEED));
        assertEquals("-Xss2m", host.get(HostProperties.JVM_ARGS));
        assertEquals(ResultColumns.FORMAT_VERSION, host.get(HostProperties.FORMAT_VERSION));

        final List<String> header = Files.readAllLines(run.directory().resolve("results.csv"), StandardCharsets.UTF_8)
            .subList(0, 1);
        assertEquals(String.join(",", ResultColumns.RESULTS_HEADER), header.get(0));

        final List<ResultRow> rows = run.results();
        final ResultRow put = row(rows, "store.put");
        assertEquals("mem", put.params().get("store"));
        assertEquals("1", put.params().get("threads"));
        assertEquals("sample", put.mode());
        assertFalse(Double.isNaN(put.p99()), "SampleTime rows carry percentiles");
        assertEquals(0.0, put.syncsPerOp(), "the mem store never syncs");
        assertEquals(10 * (16 + 40), put.storeBytesPerOp(), 1e-9, "a commit of 10 puts of 16+40 bytes");
        assertFalse(Double.isNaN(put.allocBytesPerOp()), "the gc profiler ran");
        assertEquals(Files.isReadable(Path.of("/proc/self/io")), !Double.isNaN(put.osWriteBytesPerOp()),
            "the kernel's count of the fork's writes, where Linux exposes it: " + put);
        assertTrue(Double.isNaN(put.deviceFlushesPerOp()) || put.deviceFlushesPerOp() >= 0, put.toString());
        for (final ResultRow row : rows) {
            assertEquals(2, row.forks(), "every case ran in 2 forks: " + row);
        }

        if (!engines.isEmpty()) {
            final ResultRow tx = row(rows, "block.tx");
            final ResultRow block = row(rows, "block.block");
            assertEquals(tx.score() * 100, block.score(), 1e-6 * block.score(), "block = 100 txs");
            assertEquals(engines.get(0), tx.params().get("engine"));
            assertTrue(tx.storeBytesPerOp() > 0, "a save writes nodes");
            assertTrue(row(rows, "memory.perKey").score() > 0, "an open tree holds heap");
            assertEquals("B/node", row(rows, "memory.perNode").unit());
        }

        final List<SampleRow> samples = run.samples();
        for (final ResultRow result : rows) {
            final long count = samples.stream().filter(sample -> sample.key().equals(result.key())).count();
            assertTrue(count >= 1, "no samples for " + result.key());
            assertEquals(List.of(1, 2), samples.stream().filter(sample -> sample.key().equals(result.key()))
                .map(SampleRow::fork).distinct().sorted().toList(), "forks of " + result.key());
        }
        final String json = Files.readString(run.directory().resolve(MatrixRun.JMH_JSON), StandardCharsets.UTF_8);
        assertTrue(json.trim().startsWith("[") && json.contains("\"benchmark\" : \"io.merklebench.bench.store.StorePutBench.put\""),
            json.substring(0, Math.min(400, json.length())));
        try (Stream<Path> files = Files.list(run.directory())) {
            final List<String> names = files.map(path -> path.getFileName().toString())
                .filter(name -> !name.endsWith(".svg")).sorted().toList();
            // memory-breakdown.csv only with -Dmerklebench.smoke.all (the subset has no memory.breakdown case).
            assertEquals(List.of("host.properties", "jmh-output.log", "jmh.json", "order.csv", "plan.json",
                "report.html", "results.csv", "samples.csv"), names.stream()
                .filter(name -> !name.equals(MemoryBreakdownCsv.FILE_NAME)).toList(),
                "no temporary file or data folder is left behind");
        }
        final RunPlan plan = RunPlanFile.read(run.directory().resolve(RunPlanFile.FILE_NAME));
        final List<String> order = Files.readAllLines(run.directory().resolve("order.csv"), StandardCharsets.UTF_8);
        final int scheduledForks = plan.cases().stream().mapToInt(plannedCase -> plannedCase.forksIn(2)).sum();
        assertEquals(1 + scheduledForks, order.size(), "a header and every fork: " + order);
        assertTrue(order.stream().skip(1).allMatch(line -> line.endsWith(",ok,")), String.join("\n", order));

        final StringWriter listed = new StringWriter();
        final CommandLine again = Mbench.newCommandLine();
        again.setOut(new PrintWriter(listed));
        again.setErr(new PrintWriter(stderr));
        assertEquals(0, again.execute("run", "--like", run.directory().toString(), "--list"), stderr.toString());
        final List<String> listedLines = listed.toString().lines().filter(line -> !line.startsWith("warning: "))
            .toList();
        assertEquals(plan.cases().stream().map(PlannedCase::label).toList(),
            listedLines.subList(0, listedLines.size() - 1), "--like lists the recorded cases");
        assertTrue(listedLines.get(listedLines.size() - 1).startsWith(plan.cases().size() + " cases x 2 forks = "
            + scheduledForks + " forks"), listed.toString());
    }

    private static ResultRow row(final List<ResultRow> rows, final String benchmark) {
        return rows.stream().filter(row -> row.benchmark().equals(benchmark)).findFirst()
            .orElseThrow(() -> new AssertionError("no " + benchmark + " row in " + rows));
    }
}
