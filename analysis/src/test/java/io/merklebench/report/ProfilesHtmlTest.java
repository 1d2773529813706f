package io.merklebench.report;

import io.merklebench.results.ProfileFolders;
import io.merklebench.results.ProfileTopCsv;
import io.merklebench.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesHtmlTest {
    /** Case labels as a run plans them: with the workload's seed, which is no result column. */
    private static final String FAST = "query.hit engine=array store=mem size=10000 keyLen=32 valueLen=100 seed=1234";
    private static final String SLOW = "query.hit engine=heap store=rocksdb size=10000 keyLen=32 valueLen=100 seed=1234";

    @TempDir
    Path resultsRoot;

    @Test
    void shouldShowTheTopFramesOfTheFastestAndSlowestCaseAndLinkEveryFlameGraph() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1, key -> 1.0,
            Map.of("profiler", "cpu,alloc", "profiler.method", "async-profiler 4.2"));
        final List<ProfileTopCsv.Row> rows = new ArrayList<>();
        for (int frame = 1; frame <= 7; frame++) {
            rows.add(new ProfileTopCsv.Row(FAST, "cpu", "Fast.frame" + frame, 20 - frame, 50));
            rows.add(new ProfileTopCsv.Row(SLOW, "cpu", "Slow.frame" + frame, 20 - frame, 50));
        }
        rows.add(new ProfileTopCsv.Row(FAST, "alloc", "byte[]", 100, 100));
        ProfileTopCsv.write(run.resolve(ProfileTopCsv.FILE_NAME), rows);

        final Path report = resultsRoot.resolve("report.html");
        ReportWriter.write(List.of(RunFolder.open(run)), report);
        final String html = Files.readString(report);

        final int section = html.indexOf("<h2>Profiles</h2>");
        assertTrue(section > 0 && section < html.indexOf("<h2>Runs</h2>"), "after the summary, before the runs");
        assertTrue(html.contains("profiled for cpu,alloc in its measurement iterations with async-profiler 4.2"));
        assertTrue(html.contains("<h3>query.hit</h3>"), html);
        assertTrue(html.indexOf("fastest: engine=array store=mem") < html.indexOf("slowest: engine=heap store=rocksdb"));
        assertTrue(html.contains("Fast.frame5") && !html.contains("Fast.frame6"), "5 frames per event");
        assertTrue(html.contains("Slow.frame1"));
        final String cpuLink = resultsRoot.relativize(ProfileFolders.flameGraph(run, FAST, "cpu")).toString();
        assertTrue(html.contains("href=\"" + cpuLink + "\""), cpuLink);
        assertEquals(3, html.split("\\.html\"", -1).length - 1, "cpu and alloc of the fast case, cpu of the slow");
    }

    @Test
    void shouldLeaveTheSectionOutOfAnUnprofiledRun() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path report = resultsRoot.resolve("plain.html");
        ReportWriter.write(List.of(RunFolder.open(run)), report);
        assertFalse(Files.readString(report).contains("<h2>Profiles</h2>"));
    }
}
