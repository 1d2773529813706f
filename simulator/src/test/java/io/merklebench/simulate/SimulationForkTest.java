package io.merklebench.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merklebench.results.SimulationCsv;
import io.merklebench.results.SimulationRow;
import io.merklebench.simulate.plan.Plan;
import io.merklebench.simulate.plan.PlanFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fork in a child JVM, stopped with SIGTERM (what Ctrl-C also triggers): it keeps what it measured. */
class SimulationForkTest {
    @TempDir
    Path directory;

    @Test
    void shouldWriteTheVersionsDoneWhenStopped() throws IOException, InterruptedException {
        final Path plan = directory.resolve("plan.json");
        // bank-like takes a minute or more: long enough to be stopped part-way.
        final Plan bankLike = PlanFile.bundled("bank-like");
        new ObjectMapper().writeValue(plan.toFile(), bankLike);
        final Path forkDirectory = directory.resolve("fork");
        final Path data = directory.resolve("data");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : System.getProperty("merklebench.jvmFlags", "").split("\\s+")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SimulationFork.class.getName(),
            plan.toString(), "heap", "rocksdb", data.toString(), forkDirectory.toString(),
            Long.toString(bankLike.totalVersions()), "1", Long.toString(ProcessHandle.current().pid())));
        final Process fork = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(directory.resolve("fork.log").toFile()).start();
        // Until it has reported progress (a version is done), then SIGTERM.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(directory.resolve("fork.log")).contains("version ") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        fork.destroy();
        assertTrue(fork.waitFor(60, TimeUnit.SECONDS), "the fork stops");
        final String log = Files.readString(directory.resolve("fork.log"));
        final Properties outcome = new Properties();
        try (Reader reader = Files.newBufferedReader(forkDirectory.resolve(SimulationFork.OUTCOME_FILE),
            StandardCharsets.UTF_8)) {
            outcome.load(reader);
        }
        assertEquals("true", outcome.getProperty("stopped"), log);
        final long done = Long.parseLong(outcome.getProperty("versionsDone"));
        assertTrue(done > 0 && done < bankLike.totalVersions(), "stopped part-way: " + done);
        final List<SimulationRow> rows = SimulationCsv.read(forkDirectory.resolve(SimulationFork.ROWS_FILE));
        assertEquals(done, rows.size(), "every version done is recorded");
        assertEquals(done, rows.get(rows.size() - 1).version());
    }
}
