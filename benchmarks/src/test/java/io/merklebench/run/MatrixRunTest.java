package io.merklebench.run;

import io.merklebench.core.registry.Registry;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failing case is reported by name; the cases after it still run and are recorded. Real JMH forks. */
class MatrixRunTest {
    @TempDir
    Path temp;

    @Test
    void shouldRecordTheOtherCasesWhenOneFails() throws IOException {
        System.setProperty("jmh.ignoreLock", "true");
        final Timing brief = Timing.timed(0, 50, 1, 50, 1);
        // blockSize (dirty leaves) above size is rejected in the benchmark's setup, inside the fork.
        final Profile profile = new Profile("test", "one failing case, one good", List.of(
            FamilyPlan.of("hash", "io.merklebench.bench.hash.HashBench.dirtyLeaves").param("size", "10")
                .param("blockSize", "100").timing(brief),
            FamilyPlan.of("store", "io.merklebench.bench.store.StoreGetBench.getHit").param("size", "100")
                .timing(brief)), Profile.DefaultStores.IN_MEMORY);
        final MatrixRun run = new MatrixRun(new MatrixPlanner(BenchmarkCatalog.fromClassPath(), store -> false),
            HostFacts.ofThisMachine());
        final StringWriter out = new StringWriter();

        final MatrixRun.Outcome outcome = run.execute(new MatrixRun.Settings(profile,
            List.of(Registry.engineNames().get(0)), List.of("mem"), null, "test-host", temp, null),
            new PrintWriter(out));

        assertEquals(2, outcome.caseCount());
        assertEquals(1, outcome.failures().size(), outcome.failures().toString());
        final String failure = outcome.failures().get(0);
        assertTrue(failure.startsWith("hash.dirtyLeaves engine="), failure);
        assertTrue(failure.endsWith("IllegalArgumentException: blockSize (dirty leaves) must be between 1 and size:"
            + " blockSize=100 size=10"), failure);
        assertTrue(out.toString().contains("FAILED"), out.toString());
        final List<ResultRow> recorded = RunFolder.open(outcome.runDirectory()).results();
        assertEquals(List.of("store.getHit"), recorded.stream().map(ResultRow::benchmark).toList());
        assertEquals("1", RunFolder.open(outcome.runDirectory()).hostProperties().get("cases.failed"));
    }
}
