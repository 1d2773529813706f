package io.merklebench.results;

import io.merklebench.report.FixtureRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetRunsTest {
    @TempDir
    Path fleet;

    @Test
    void shouldOpenTheNewestRunOfEveryHostWithTheBaseFirst() throws IOException {
        FixtureRuns.write(fleet, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path newestA = FixtureRuns.write(fleet, "vm-a", "2026-11-24T10:00:00Z", 2);
        final Path b = FixtureRuns.write(fleet, "vm-b", "2026-11-23T11:00:00Z", 3);
        final Path c = FixtureRuns.write(fleet, "vm-c", "2026-11-23T12:00:00Z", 4);
        Files.createDirectories(fleet.resolve("not-a-host/notes"));
        Files.writeString(fleet.resolve("fleet-report.html"), "<html></html>");

        final FleetRuns byName = FleetRuns.open(fleet, null);
        assertEquals(List.of(newestA, b, c), directories(byName));
        assertEquals(List.of(), byName.skipped());

        assertEquals(List.of(c, newestA, b), directories(FleetRuns.open(fleet, "vm-c")));
    }

    @Test
    void shouldLeaveOutAHostWhoseRunsAllStoppedEarlyAndSayWhy() throws IOException {
        final Path a = FixtureRuns.write(fleet, "vm-a", "2026-11-23T10:00:00Z", 1);
        FixtureRuns.write(fleet, "vm-b", "2026-11-23T11:00:00Z", 2, key -> 1.0,
            Map.of(HostProperties.RUN_FORKS_DONE, "3", HostProperties.RUN_FORKS_PLANNED, "9"));

        final FleetRuns runs = FleetRuns.open(fleet, "vm-a");
        assertEquals(List.of(a), directories(runs));
        assertEquals(List.of("vm-b: no finished run (every run folder stopped early)"), runs.skipped());
    }

    @Test
    void shouldRefuseAnUnknownBaseListingTheHosts() throws IOException {
        FixtureRuns.write(fleet, "vm-a", "2026-11-23T10:00:00Z", 1);
        FixtureRuns.write(fleet, "vm-b", "2026-11-23T11:00:00Z", 2);
        final ResultsFormatException refused = assertThrows(ResultsFormatException.class,
            () -> FleetRuns.open(fleet, "vm-z"));
        assertTrue(refused.getMessage().endsWith("no host folder vm-z (--base); the hosts are: vm-a, vm-b"),
            refused.getMessage());
    }

    @Test
    void shouldRefuseAFolderWithoutHosts() throws IOException {
        Files.createDirectories(fleet.resolve("empty-host"));
        final ResultsFormatException refused = assertThrows(ResultsFormatException.class,
            () -> FleetRuns.open(fleet, null));
        assertTrue(refused.getMessage().contains(fleet.toAbsolutePath() + ": no host folder in it"),
            refused.getMessage());
        assertThrows(ResultsFormatException.class, () -> FleetRuns.open(fleet.resolve("missing"), null));
    }

    private static List<Path> directories(final FleetRuns runs) {
        return runs.runs().stream().map(RunFolder::directory).toList();
    }
}
