package io.merklebench.analysis.cli;

import io.merklebench.report.FixtureRuns;
import io.merklebench.results.RowKey;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerCommandTest {
    /** 54 rows in every fixture run. */
    private static final int FIXTURE_ROWS = 54;
    private static final RowKey NOISY = new RowKey("query.hit", Map.of("engine", "heap", "store", "mem",
        "size", "10000", "keyLen", "32", "valueLen", "100"));

    @TempDir
    Path resultsRoot;

    /** A 3-fork fixture whose {@link #NOISY} row has forks 0.8, 1.0 and 1.3 times its centre (25% noise). */
    private Path noisyRun() throws IOException {
        return FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1, key -> 1.0, Map.of(), 3,
            (key, fork) -> key.equals(NOISY) ? new double[] {0.8, 1.0, 1.3}[fork - 1] : 1.0);
    }

    @Test
    void shouldPrintNoiseAndDetectionProbabilityPerRowThenBands() throws IOException {
        // 400 simulated pairs instead of 2000 keep the test quick; the standard error near 0.8 is then 0.02.
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("power", noisyRun().toString(), "--trials", "400");
        assertEquals(0, outcome.exitCode(), outcome.err());
        final List<String> lines = List.of(outcome.out().split("\n"));
        assertEquals("power of mbench diff for vm-a/20261123T100000Z: a change of 10% with each row's own fork count"
            + " per side, under alpha=0.05 min-effect=5% max-interval=50%; 400 simulated pairs per row, seed=1",
            lines.get(0));
        assertTrue(lines.get(1).matches(" +benchmark +params +unit +forks +noise +forks/side +P\\(detect\\)"),
            lines.get(1));
        assertEquals(FIXTURE_ROWS, lines.stream().filter(line -> line.matches("  [a-z]+\\.[A-Za-z]+ .*")).count());
        final String noisy = lines.stream().filter(line -> line.contains("query.hit ") && line.contains(
            "engine=heap store=mem size=10000 ")).findFirst().orElseThrow();
        assertTrue(noisy.matches(".* ns/op +3 +2[0-9]\\.[0-9]% +3 +0\\.0[0-9]"), "unstable at 25%: " + noisy);
        final int bands = lines.indexOf("rows by fork noise (coefficient of variation of the per-fork values), and"
            + " how many reach P >= 0.8:");
        assertTrue(bands > 0, outcome.out());
        assertTrue(lines.get(bands + 1).matches(" +noise +rows +P >= 0\\.8"), lines.get(bands + 1));
        assertTrue(lines.get(bands + 2).matches(" +< 3% +5[0-3] +[0-9]+"), lines.get(bands + 2));
        assertTrue(lines.get(bands + 5).matches(" +> 10% +1 +0"), lines.get(bands + 5));
        final String[] belowThree = lines.get(bands + 2).trim().split(" +"); // "<", "3%", rows, reaching
        final int rowsBelowThree = Integer.parseInt(belowThree[2]);
        final int quiet = Integer.parseInt(belowThree[3]);
        assertTrue(quiet >= rowsBelowThree - 5, "1-2% noise at 3 forks detects 10% nearly always: " + outcome.out());
        assertEquals(outcome.out(), DiffCommandTest.run("power", resultsRoot.resolve("vm-a").toString(), "--trials",
            "400").out(),
            "seeded: the same figures every time");
    }

    @Test
    void shouldRaiseProbabilityWithMoreForksAndPrintCsv() throws IOException {
        // 8%, not 5%: a change equal to --min-effect is called a change only when its estimate lands above it, about
        // half the time however many forks there are.
        final Path run = noisyRun();
        final Map<String, Double> threeForks = probabilities(run, "--change", "8", "--filter", "^block\\.",
            "--trials", "400");
        final Map<String, Double> sixForks = probabilities(run, "--change", "8", "--forks", "6", "--filter",
            "^block\\.", "--trials", "400");
        assertEquals(12, threeForks.size(), "only block rows: " + threeForks.keySet());
        final double meanThree = threeForks.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        final double meanSix = sixForks.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(meanSix > meanThree, "3 forks " + meanThree + ", 6 forks " + meanSix);
        assertTrue(sixForks.values().stream().allMatch(p -> p >= 0 && p <= 1), sixForks.toString());
        final Map<String, Double> strict = probabilities(run, "--change", "8", "--filter", "^block\\.", "--trials",
            "400", "--alpha", "0.001");
        final double meanStrict = strict.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(meanStrict < meanThree, "the diff's rules are the simulation's: alpha 0.05 " + meanThree
            + ", alpha 0.001 " + meanStrict);
    }

    @Test
    void shouldLeaveOutRowsWithOneForkAndRefuseARunOfThem() throws IOException {
        final Path run = noisyRun();
        // Keep only fork 1 of the fsync rows: 9 rows with one fork.
        final Path samples = run.resolve("samples.csv");
        final List<String> kept = Files.readAllLines(samples).stream()
            .filter(line -> !line.startsWith("fsync.") || line.split(",", -1)[14].equals("1"))
            .collect(Collectors.toList());
        Files.write(samples, kept);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("power", run.toString(), "--filter",
            "^(fsync|hash)\\.");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("; 2000 simulated pairs per row, seed=1"), "the defaults: " + outcome.out());
        assertEquals(4, outcome.out().lines().filter(line -> line.startsWith("  hash.dirtyLeaves ")).count());
        assertTrue(outcome.out().contains("  9 rows with 1 fork left out: they have no fork noise"), outcome.out());
        assertTrue(!outcome.out().contains("fsync.write "), outcome.out());

        final Path oneFork = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T10:00:00Z", 1, key -> 1.0, Map.of(),
            1, (key, fork) -> 1.0);
        final DiffCommandTest.Outcome refused = DiffCommandTest.run("power", oneFork.toString());
        assertEquals(1, refused.exitCode());
        assertEquals("power: vm-b/20261123T100000Z was recorded with 1 fork per case: rerun mbench run with --forks 3"
            + " or more (fork noise needs at least 2 forks)", refused.err().strip());
    }

    @Test
    void shouldRejectBadNumbersWithTheOptionAndValue() throws IOException {
        final String run = noisyRun().toString();
        assertError("power: --change must be a percentage > 0: --change=0.0", run, "--change", "0");
        assertError("power: --forks must be between 2 and 1000: --forks=1", run, "--forks", "1");
        assertError("power: --trials must be between 1 and 1000000: --trials=0", run, "--trials", "0");
        assertError("power: --alpha must be between 0 and 1 (exclusive): --alpha=1.0", run, "--alpha", "1");
        assertError("power: --min-effect must be a percentage >= 0: --min-effect=-1.0", run, "--min-effect", "-1");
        assertError("power: unknown format 'xml'; expected one of: text, csv", run, "--format", "xml");
        assertError("power: no row of vm-a/20261123T100000Z matches --filter=^nothing", run, "--filter", "^nothing");
        final DiffCommandTest.Outcome notANumber = DiffCommandTest.run("power", run, "--forks", "three");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("Invalid value for option '--forks': 'three' is not an int"),
            notANumber.err());
    }

    private static void assertError(final String expected, final String... args) {
        final String[] line = new String[args.length + 1];
        line[0] = "power";
        System.arraycopy(args, 0, line, 1, args.length);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run(line);
        assertEquals(1, outcome.exitCode(), outcome.out());
        assertEquals(expected, outcome.err().strip());
    }

    /** detectionProbability by row label, from --format csv. */
    private static Map<String, Double> probabilities(final Path run, final String... options) throws IOException {
        final String[] line = new String[options.length + 4];
        line[0] = "power";
        line[1] = run.toString();
        line[2] = "--format";
        line[3] = "csv";
        System.arraycopy(options, 0, line, 4, options.length);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run(line);
        assertEquals(0, outcome.exitCode(), outcome.err());
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(outcome.out()))) {
            final List<CSVRecord> records = parser.getRecords();
            return records.stream().collect(Collectors.toMap(
                record -> record.get("benchmark") + " " + record.get("engine") + " " + record.get("store") + " "
                    + record.get("size"),
                record -> Double.parseDouble(record.get("detectionProbability"))));
        }
    }
}
