package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.run.ForkOrder;
import io.merklebench.run.PlannedCase;
import io.merklebench.run.RunHostProperties;
import io.merklebench.run.RunPlan;
import io.merklebench.run.RunPlanFile;
import io.merklebench.run.Timing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mbench run}'s checks of its options: bad input gives one line naming the option, the rule and the value,
 * exit code 1, and nothing written (no results folder, no run folder). No JMH fork is started here.
 */
class RunCommandTest {
    /** A CPU no development or CI machine has: the tests once said "AMD EPYC" and failed on AMD EPYC hosts. */
    private static final String OTHER_CPU = "Test CPU 9000 (not a real model)";
    private static final String QUERY_HIT = "io.merklebench.bench.query.QueryBench.hit";

    @TempDir
    Path temp;

    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    private int run(final String... args) {
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(stdout));
        commandLine.setErr(new PrintWriter(stderr));
        final String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    private Path out() {
        return temp.resolve("results");
    }

    /** Runs {@code args} (with {@code --out}) and checks the error line and that nothing was written. */
    private void assertRefused(final String expectedMessage, final String... args) throws IOException {
        final String[] withOut = new String[args.length + 2];
        System.arraycopy(args, 0, withOut, 0, args.length);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = out().toString();
        final List<String> before = listing();

        final int exitCode = run(withOut);

        assertEquals(UserErrors.INPUT_ERROR, exitCode, "stdout:\n" + stdout + "\nstderr:\n" + stderr);
        assertEquals("run: " + expectedMessage, stderr.toString().strip());
        assertEquals(before, listing(), "nothing written under " + temp);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            return files.map(path -> temp.relativize(path).toString()).sorted().toList();
        }
    }

    @Test
    void shouldRefuseForksThatAreNotAWholeNumberFromOneToTheLimit() throws IOException {
        assertRefused("--forks must be from 1 to 100 (each case runs in that many fresh JVMs): --forks=0",
            "--forks", "0");
        stderr.getBuffer().setLength(0);
        assertRefused("--forks must be from 1 to 100 (each case runs in that many fresh JVMs): --forks=-2",
            "--forks=-2");
        stderr.getBuffer().setLength(0);
        assertRefused("--forks must be a whole number from 1 to 100: --forks=three", "--forks", "three");
        stderr.getBuffer().setLength(0);
        assertRefused("--forks must be from 1 to 100 (each case runs in that many fresh JVMs): --forks=500",
            "--forks", "500");
    }

    @Test
    void shouldRefuseAnUnknownOrderNamingTheValidOnes() throws IOException {
        assertRefused("--order must be one of round-robin, shuffle: --order=sideways", "--order", "sideways");
    }

    @Test
    void shouldRefuseASeedWithoutTheShuffleOrderAndASeedThatIsNoNumber() throws IOException {
        assertRefused("--seed only orders a shuffled run; give --order shuffle with it: --seed=5"
            + " --order=round-robin", "--seed", "5");
        stderr.getBuffer().setLength(0);
        assertRefused("--seed must be a whole number: --seed=abc", "--order", "shuffle", "--seed", "abc");
    }

    @Test
    void shouldRefuseJvmArgsThatAreNoOptions() throws IOException {
        assertRefused("--jvm-args takes JVM options, each starting with '-' (a word without it would be taken for the"
            + " fork's main class): 'Xmx2g' in --jvm-args=-XX:+UseSerialGC Xmx2g", "--jvm-args",
            "-XX:+UseSerialGC Xmx2g");
    }

    @Test
    void shouldRefuseLikeOfAFolderThatIsMissingOrNoRun() throws IOException {
        final Path missing = temp.resolve("nowhere");
        assertRefused("--like needs a run folder: not found: " + missing, "--like", missing.toString());
        stderr.getBuffer().setLength(0);
        final Path empty = Files.createDirectories(temp.resolve("empty"));
        assertRefused("--like needs a run folder (one holding plan.json and host.properties), not: " + empty,
            "--like", empty.toString());
    }

    @Test
    void shouldPointAHostFolderToItsNewestRun() throws IOException {
        final Path host = temp.resolve("old").resolve("vm");
        Files.createDirectories(host.resolve("20261123T162225Z"));
        Files.createDirectories(host.resolve("20261123T191719Z"));
        assertRefused("--like needs a run folder, not a host folder: " + host + " (its newest run: "
            + host.resolve("20261123T191719Z") + ")", "--like", host.toString());
    }

    @Test
    void shouldSayARunRecordedBeforePlansCannotBeRepeated() throws IOException {
        final Path old = Files.createDirectories(temp.resolve("old").resolve("vm").resolve("20261123T162225Z"));
        new HostProperties().put(HostProperties.LABEL, "vm").put(HostProperties.PROFILE, "quick")
            .write(old.resolve(HostProperties.FILE_NAME));
        assertRefused("--like: " + old + " has no plan.json: it was recorded before runs kept their plan (results"
            + " format 1; plans came with format 2), so it cannot be repeated exactly; run its profile again instead"
            + " (mbench run --profile quick)", "--like", old.toString());
    }

    @Test
    void shouldRefuseSelectionOptionsWithLikeNamingThem() throws IOException {
        final Path recorded = recordedRun("abc123", HostProperties.CPU_MODEL, HostFacts.ofThisMachine().cpuModel());
        assertRefused("--like runs the recorded run's cases, forks and order again, so --profile, --forks do not go"
            + " with it (with --like: --label, --out, --data-dir, --list, --jvm-args)", "--like", recorded.toString(),
            "--profile", "smoke", "--forks", "2");
    }

    @Test
    void shouldNameTheUnknownFieldOfAPlan() throws IOException {
        final Path recorded = recordedRun("abc123", HostProperties.CPU_MODEL, HostFacts.ofThisMachine().cpuModel());
        final Path planFile = recorded.resolve(RunPlanFile.FILE_NAME);
        Files.writeString(planFile, Files.readString(planFile).replace("\"warmupMillis\"", "\"warmupMilis\""));
        final int exitCode = run("--like", recorded.toString(), "--list");
        assertEquals(UserErrors.INPUT_ERROR, exitCode, stderr.toString());
        assertTrue(stderr.toString().startsWith("run: plan.json " + planFile + " line "), stderr.toString());
        assertTrue(stderr.toString().contains(": unknown field 'warmupMilis' in cases[0].timing; expected one of:"
            + " measurementIterations, measurementMillis, singleShot, warmupIterations, warmupMillis"),
            stderr.toString());
    }

    @Test
    void shouldListALikeRunAndWarnWhenItsCommitAndHardwareDiffer() throws IOException {
        final Path recorded = recordedRun("abc123", HostProperties.CPU_MODEL, "AMD EPYC 9999 128-Core");

        assertEquals(0, run("--like", recorded.toString(), "--list", "--out", out().toString()), stderr.toString());

        final List<String> lines = stdout.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("warning: " + recorded + " was recorded with toolkit commit abc123, this is"
            + " "), lines.get(0));
        assertTrue(lines.get(1).startsWith("warning: " + recorded + " was recorded on other hardware (AMD EPYC 9999"
            + " 128-Core, "), lines.get(1));
        assertTrue(lines.get(2).startsWith("query.hit engine=heap store=mem size=1000"), lines.get(2));
        assertTrue(lines.get(3).startsWith("1 cases x 4 forks = 4 forks (shuffle order), expected about "),
            lines.get(3));
        assertFalse(Files.exists(out()), "--list writes nothing");
    }

    @Test
    void shouldRefuseALabelWhoseRunsWereRecordedOnOtherHardwareSuggestingOne() throws IOException {
        final HostHardware here = RunHostProperties.hardwareOf(HostFacts.ofThisMachine());
        final Path otherRun = Files.createDirectories(out().resolve("vm").resolve("20261123T162225Z"));
        new HostProperties().put(HostProperties.LABEL, "vm").put(HostProperties.CPU_MODEL, OTHER_CPU)
            .put(HostProperties.CPU_CORES, here.cpuCores()).put(HostProperties.MEMORY_BYTES, here.memoryBytes())
            .write(otherRun.resolve(HostProperties.FILE_NAME));

        assertRefused("--label vm: " + out().resolve("vm") + " holds runs recorded on other hardware than this"
            + " machine (" + here.describe() + "): 20261123T162225Z (1 run on "
            + new HostHardware(OTHER_CPU, here.cpuCores(), here.memoryBytes()).describe() + "; cpu.model"
            + " differs). A label names one machine, so that diff and report compare machines: give this one its"
            + " own, e.g. --label " + here.suggestLabel("vm"), "--label", "vm", "--profile", "smoke",
            "--filter", "^memory");
    }

    @Test
    void shouldRecordUnderTheHardwareLabelWhenTheDefaultLabelBelongsToAnotherMachine() throws IOException {
        final HostFacts facts = HostFacts.ofThisMachine();
        final HostHardware here = RunHostProperties.hardwareOf(facts);
        final String hostName = facts.hostname();
        final Path otherRun = Files.createDirectories(out().resolve(hostName).resolve("20261123T162225Z"));
        new HostProperties().put(HostProperties.LABEL, hostName).put(HostProperties.CPU_MODEL, OTHER_CPU)
            .put(HostProperties.CPU_CORES, here.cpuCores()).put(HostProperties.MEMORY_BYTES, here.memoryBytes())
            .write(otherRun.resolve(HostProperties.FILE_NAME));

        final int exitCode = run("--profile", "smoke", "--engines", "heap", "--filter", "^memory\\.perKey",
            "--out", out().toString(), "--data-dir", temp.resolve("data").toString());

        assertEquals(0, exitCode, stderr.toString());
        final String suggested = here.suggestLabel(hostName);
        assertTrue(stdout.toString().contains("note: " + out().resolve(hostName) + " holds runs of other hardware"
            + " (" + OTHER_CPU + ", ") && stdout.toString().contains(") records under --label " + suggested),
            stdout.toString());
        try (var runs = Files.list(out().resolve(suggested))) {
            assertEquals(1, runs.count(), "the run went to the hardware's own label");
        }
        try (var runs = Files.list(out().resolve(hostName))) {
            assertEquals(1, runs.count(), "nothing added under the other machine's label");
        }
    }

    /** A run folder with a one-case plan (4 forks, shuffled) and host facts recorded at {@code commit}. */
    private Path recordedRun(final String commit, final String factKey, final String factValue) throws IOException {
        final Path run = Files.createDirectories(temp.resolve("recorded").resolve("vm").resolve("20261201T090000Z"));
        final Map<String, String> params = new LinkedHashMap<>();
        for (final String[] param : new String[][] {{"engine", "heap"}, {"store", "mem"}, {"size", "1000"},
            {"keyLen", "16"}, {"valueLen", "40"}, {"seed", "1234"}}) {
            params.put(param[0], param[1]);
        }
        final PlannedCase hit = new PlannedCase("query", QUERY_HIT, params, Timing.timed(1, 100, 3, 100));
        RunPlanFile.write(run.resolve(RunPlanFile.FILE_NAME), new RunPlan("quick", List.of("heap"), List.of("mem"),
            "", 4, ForkOrder.SHUFFLE, 42L, List.of("-Xmx1g"), List.of(hit)));
        final HostHardware here = RunHostProperties.hardwareOf(HostFacts.ofThisMachine());
        new HostProperties().put(HostProperties.LABEL, "vm").put(HostProperties.GIT_COMMIT, commit)
            .put(HostProperties.CPU_CORES, here.cpuCores()).put(HostProperties.MEMORY_BYTES, here.memoryBytes())
            .put(factKey, factValue).write(run.resolve(HostProperties.FILE_NAME));
        return run;
    }
}
