package io.merklebench.run;

import io.merklebench.bench.TrialDirectory;
import io.merklebench.core.registry.Registry;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.HeapGroup;
import io.merklebench.results.HostProperties;
import io.merklebench.results.MemoryBreakdownCsv;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forks as separate JMH invocations, interleaved; a failing fork skips its case's later forks and the run goes on.
 * Real JMH forks (5 JVMs in all, most of them brief).
 */
class MatrixRunTest {
    private static final Timing BRIEF = Timing.timed(0, 50, 2, 50);
    private static final String GET_HIT = "io.merklebench.bench.store.StoreGetBench.getHit";

    @TempDir
    Path temp;

    /** blockSize (dirty leaves) above size is rejected in the benchmark's setup, inside the fork. */
    private static PlannedCase failingCase() {
        return new PlannedCase("hash", "io.merklebench.bench.hash.HashBench.dirtyLeaves", params("engine",
            Registry.engineNames().get(0), "store", "mem", "size", "10", "blockSize", "100"), BRIEF);
    }

    private static PlannedCase goodCase() {
        return new PlannedCase("store", GET_HIT, params("store", "mem", "size", "100"), BRIEF);
    }

    /** Params in the given order: a case's label lists them so. */
    private static Map<String, String> params(final String... nameValuePairs) {
        final Map<String, String> params = new LinkedHashMap<>();
        for (int index = 0; index < nameValuePairs.length; index += 2) {
            params.put(nameValuePairs[index], nameValuePairs[index + 1]);
        }
        return params;
    }

    private static RunPlan plan(final List<PlannedCase> cases, final int forks, final List<String> jvmArgs) {
        return new RunPlan("test", List.of(Registry.engineNames().get(0)), List.of("mem"), "", forks,
            ForkOrder.ROUND_ROBIN, null, jvmArgs, cases);
    }

    /** Each run under its own label: two runs started in the same second would need the same run folder. */
    private MatrixRun.Outcome execute(final String label, final RunPlan plan, final StringWriter out)
        throws IOException {
        System.setProperty("jmh.ignoreLock", "true");
        return new MatrixRun(HostFacts.ofThisMachine()).execute(plan,
            new MatrixRun.Target(label, temp, null, null), new PrintWriter(out));
    }

    @Test
    void shouldInterleaveForksSkipAFailedCasesLaterForksAndRecordTheOthersPerFork() throws IOException {
        final StringWriter out = new StringWriter();

        final MatrixRun.Outcome outcome = execute("test-host", plan(List.of(failingCase(), goodCase()), 2, List.of()),
            out);

        assertEquals(2, outcome.caseCount());
        assertEquals(1, outcome.failures().size(), outcome.failures().toString());
        final String failure = outcome.failures().get(0);
        assertTrue(failure.startsWith("hash.dirtyLeaves engine="), failure);
        assertTrue(failure.contains("(fork 1 of 2): "), failure);
        assertTrue(failure.endsWith("IllegalArgumentException: blockSize (dirty leaves) must be between 1 and size:"
            + " blockSize=100 size=10"), failure);
        assertTrue(out.toString().contains("(its remaining 1 fork will be skipped)"), out.toString());
        assertTrue(out.toString().contains("[2/4] fork 1/2 store.getHit"), out.toString());
        assertTrue(out.toString().contains("[4/4] fork 2/2 store.getHit"), out.toString());

        final RunFolder run = RunFolder.open(outcome.runDirectory());
        assertEquals(List.of("store.getHit"), run.results().stream().map(ResultRow::benchmark).toList());
        final ResultRow row = run.results().get(0);
        assertEquals(2, row.forks());
        assertFalse(Double.isNaN(row.forkCvPercent()), "two forks have a spread: " + row);
        assertEquals(4, row.samples(), "2 iterations in each of 2 forks");
        assertEquals(List.of(1, 1, 2, 2), run.samples().stream().map(SampleRow::fork).toList());
        assertEquals(List.of(1, 2, 1, 2), run.samples().stream().map(SampleRow::iteration).toList());
        final double meanOfSamples = run.samples().stream().mapToDouble(SampleRow::value).average().orElseThrow();
        assertEquals(meanOfSamples, row.score(), 1e-9 * row.score(), "score: mean over every fork's iterations");
        final HostProperties host = run.hostProperties();
        assertEquals("1", host.get("cases.failed"));
        assertEquals("2", host.get(HostProperties.RUN_FORKS));
        assertEquals("round-robin", host.get(HostProperties.RUN_ORDER));
        assertEquals("", host.get(HostProperties.JVM_ARGS));
        assertEquals(null, host.get(HostProperties.RUN_SEED));
        assertEquals("4", host.get(HostProperties.RUN_FORKS_DONE), "the skipped fork counts as gone through");
        assertEquals("4", host.get(HostProperties.RUN_FORKS_PLANNED));
        assertEquals(Optional.empty(), host.stoppedEarly());

        final List<String> order = Files.readAllLines(outcome.runDirectory().resolve(OrderCsv.FILE_NAME));
        assertEquals(String.join(",", OrderCsv.HEADER), order.get(0));
        assertEquals(5, order.size(), String.join("\n", order));
        assertTrue(order.get(1).matches("1,hash\\.dirtyLeaves .*,1,20\\d\\d-.*Z,\\d+,,failed,.*blockSize=100 size=10"),
            order.get(1));
        assertTrue(order.get(2).matches("2,store\\.getHit store=mem size=100,1,20\\d\\d-.*Z,\\d+,\\d+,ok,"),
            order.get(2));
        assertTrue(order.get(3).matches("3,hash\\.dirtyLeaves .*,2,,,,skipped,an earlier fork of this case failed"),
            order.get(3));
        assertTrue(order.get(4).startsWith("4,store.getHit store=mem size=100,2,"), order.get(4));

        final RunPlan recorded = RunPlanFile.read(outcome.runDirectory().resolve(RunPlanFile.FILE_NAME));
        assertEquals(plan(List.of(failingCase(), goodCase()), 2, List.of()), recorded);
        final String json = Files.readString(outcome.runDirectory().resolve(MatrixRun.JMH_JSON));
        assertTrue(json.contains("\"forks\" : 2"), "jmh.json holds the case with its 2 forks merged");
    }

    /** A stop supplier that says "stop" from its {@code firstTrueCall}-th question on (asked before and after each fork). */
    private static BooleanSupplier stopFromCall(final int firstTrueCall) {
        final AtomicInteger calls = new AtomicInteger();
        return () -> calls.incrementAndGet() >= firstTrueCall;
    }

    @Test
    void shouldStopAtAForkBoundaryKeepWhatFinishedAndDeleteTheDataFolder() throws IOException {
        System.setProperty("jmh.ignoreLock", "true");
        final MatrixRun.Outcome outcome = new MatrixRun(HostFacts.ofThisMachine()).execute(
            plan(List.of(goodCase()), 3, List.of()), new MatrixRun.Target("stopped", temp, null, null),
            new PrintWriter(new StringWriter()), stopFromCall(3)); // before fork 1, after it, before fork 2: stop

        assertTrue(outcome.stopped());
        assertEquals(1, outcome.forksDone());
        assertEquals(3, outcome.forksPlanned());
        assertEquals(List.of(), outcome.failures());
        final RunFolder run = RunFolder.open(outcome.runDirectory());
        assertEquals(1, run.results().size());
        assertEquals(1, run.results().get(0).forks());
        assertTrue(run.hostProperties().stoppedEarly().isPresent(), "marked stopped: " + run.hostProperties());
        try (var data = Files.list(outcome.runDirectory())) {
            assertEquals(List.of(), data.filter(path -> path.getFileName().toString().startsWith("mbench-data-")).toList());
        }
    }

    @Test
    void shouldTakeAForkThatFailsAfterAStopRequestForTheStopNotForAFailure() throws IOException {
        System.setProperty("jmh.ignoreLock", "true");
        final MatrixRun.Outcome outcome = new MatrixRun(HostFacts.ofThisMachine()).execute(
            plan(List.of(failingCase()), 2, List.of()), new MatrixRun.Target("stopped-failing", temp, null, null),
            new PrintWriter(new StringWriter()), stopFromCall(2)); // the stop comes while fork 1 runs

        assertTrue(outcome.stopped());
        assertEquals(0, outcome.forksDone());
        assertEquals(List.of(), outcome.failures(), "the fork the stop cut short is not a failure");
        final List<String> order = Files.readAllLines(outcome.runDirectory().resolve(OrderCsv.FILE_NAME));
        assertTrue(order.get(1).endsWith(",skipped,stopped by a signal"), order.get(1));
    }

    @Test
    void shouldPassTheToolkitFlagsOnceThenTheUsersOptionsAndFailACaseWithTheJvmsOwnMessage() throws IOException {
        final StringWriter out = new StringWriter();

        final MatrixRun.Outcome good = execute("good-options", plan(List.of(goodCase()), 1, List.of("-Xmx256m")),
            out);
        final MatrixRun.Outcome bad = execute("bad-option", plan(List.of(goodCase()), 2,
            List.of("-XX:+MbenchNoSuchOption")), out);

        assertEquals(List.of(), good.failures());
        final String vmOptions = Files.readAllLines(good.runDirectory().resolve(MatrixRun.JMH_LOG),
                StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("# VM options: ")).findFirst()
            .orElseThrow().substring("# VM options: ".length());
        final List<String> expected = new ArrayList<>(ForkJvmFlags.forThisJvm());
        expected.add("-Xmx256m");
        final String dataDirProperty = vmOptions.substring(vmOptions.lastIndexOf(' ') + 1);
        assertTrue(dataDirProperty.startsWith("-D" + TrialDirectory.DATA_DIR_PROPERTY + "="), vmOptions);
        expected.add(dataDirProperty);
        assertEquals(String.join(" ", expected), vmOptions, "the fork's options: toolkit flags, user's, data dir");
        assertEquals("-Xmx256m", RunFolder.open(good.runDirectory()).hostProperties().get(HostProperties.JVM_ARGS));

        assertEquals(1, bad.failures().size(), bad.failures().toString());
        assertTrue(bad.failures().get(0).endsWith("(fork 1 of 2): Forked VM failed with exit code 1: Unrecognized VM"
            + " option 'MbenchNoSuchOption'"), bad.failures().get(0));
        assertEquals(List.of(), RunFolder.open(bad.runDirectory()).results());
    }

    @Test
    void shouldRunAMemoryBreakdownInOneForkAndWriteItsCsv() throws IOException {
        final PlannedCase breakdown = new PlannedCase("memory",
            "io.merklebench.bench.memory.HeapBreakdownBench.breakdown",
            params("engine", "heap", "store", "mem", "size", "500"), Timing.singleShot(0, 1));
        final StringWriter out = new StringWriter();

        final MatrixRun.Outcome outcome = execute("breakdown-host", plan(List.of(breakdown), 3, List.of()), out);

        assertEquals(List.of(), outcome.failures(), out.toString());
        assertEquals(1, outcome.forksPlanned(), "one fork whatever the run's forks");
        assertEquals(List.of(), outcome.results(), "no results.csv rows: the breakdown is its own file");
        final List<MemoryBreakdownCsv.Row> rows = MemoryBreakdownCsv.read(
            outcome.runDirectory().resolve(MemoryBreakdownCsv.FILE_NAME));
        assertEquals(HeapGroup.values().length, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(row -> row.engine().equals("heap") && row.store().equals("mem")
            && row.size() == 500), rows.toString());
        assertEquals(1.0, rows.stream().mapToDouble(MemoryBreakdownCsv.Row::share).sum(), 1e-3);
        assertTrue(rows.stream().anyMatch(row -> row.group() == HeapGroup.NODE_OBJECTS && row.bytes() > 500 * 100),
            "two HeapNodes of about 96 bytes a key: " + rows);
    }
}
