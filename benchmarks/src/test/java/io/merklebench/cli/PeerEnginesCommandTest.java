package io.merklebench.cli;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mpt peer and the flat baseline through the command line: listing, and replay with and without hashes. */
class PeerEnginesCommandTest {
    /** Ethereum's trietest "emptyValues" case as a changeset, one commit per half, the root checked at the end. */
    private static final String EMPTY_VALUES_CHANGESET = String.join("\n",
        "set " + hex("do") + " " + hex("verb"),
        "set " + hex("ether") + " " + hex("wookiedoo"),
        "set " + hex("horse") + " " + hex("stallion"),
        "set " + hex("shaman") + " " + hex("horse"),
        "commit",
        "set " + hex("doge") + " " + hex("coin"),
        "delete " + hex("ether"),
        "set " + hex("dog") + " " + hex("puppy"),
        "delete " + hex("shaman"),
        "commit 5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84",
        "");

    @TempDir
    Path directory;

    @Test
    void shouldListEveryEngineWithItsHashScheme() {
        final Run run = mbench("engines", "-l");
        assertEquals(0, run.exitCode, run.err);
        final List<String> lines = run.out.lines().toList();
        for (final String[] expected : new String[][] {
            {"heap", "iavl-v1"}, {"array", "iavl-v1"}, {"paged15", "iavl-v1"}, {"mpt", "eth-mpt"}, {"flat", "none"}}) {
            assertTrue(lines.stream().anyMatch(line -> line.matches(expected[0] + "\\s+" + expected[1] + "\\s.*")),
                expected[0] + " " + expected[1] + " in " + lines);
        }
    }

    @Test
    void shouldReplayWithMptPrintingEthereumRootsPerCommit() throws IOException {
        final Run run = mbench("replay", changeset(), "--engine", "mpt", "--store", "mem");
        assertEquals(0, run.exitCode, run.err);
        final List<String> lines = run.out.lines().toList();
        assertEquals(2, lines.size(), run.out);
        assertEquals("2 5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84", lines.get(1));
    }

    @Test
    void shouldRefuseExpectedRootsWithFlatSayingItHasNoHash() throws IOException {
        final Run run = mbench("replay", changeset(), "--engine", "flat", "--store", "mem");
        assertEquals(1, run.exitCode, run.out);
        assertTrue(run.err.contains("engine flat has no root hash (hash scheme none)"), run.err);
        assertTrue(run.out.startsWith("1 " + "00".repeat(32)), run.out);
    }

    private String changeset() throws IOException {
        final Path file = directory.resolve("empty-values.cs");
        Files.writeString(file, EMPTY_VALUES_CHANGESET, StandardCharsets.UTF_8);
        return file.toString();
    }

    private static String hex(final String text) {
        final StringBuilder hex = new StringBuilder();
        for (final byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static Run mbench(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
