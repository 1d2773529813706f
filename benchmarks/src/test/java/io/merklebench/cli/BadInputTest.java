package io.merklebench.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's bad inputs, kept: every command given something wrong (an unknown name, a number out of range, a file
 * that is missing, empty, binary or of another kind, a directory of another store) answers with a clear message
 * and a non-zero exit, never a stack trace, an exception's class name, or exit 0; and writes nothing. Each case
 * runs in this JVM through {@link Mbench#execute}, as the launcher would run it.
 */
class BadInputTest {
    /** A stack frame or an exception's class name in what the user reads. */
    private static final Pattern NOT_FOR_USERS = Pattern.compile(
        "\\tat |internal error|(java|javax|kotlin|picocli|org)\\.[a-z.]+\\.[A-Z]\\w*(Exception|Error)");

    @TempDir
    static Path files;

    /** Inputs the cases refer to; created once, and checked unchanged after every case. */
    @BeforeAll
    static void writeInputs() throws IOException {
        Files.writeString(files.resolve("empty.cs"), "");
        Files.write(files.resolve("binary.cs"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80, '\n'});
        Files.writeString(files.resolve("bad-op.cs"), "put 01 02\ncommit\n");
        Files.writeString(files.resolve("bad-hex.cs"), "set zz 01\ncommit\n");
        Files.writeString(files.resolve("odd-hex.cs"), "set 012 01\ncommit\n");
        Files.writeString(files.resolve("bad-root.cs"), "set 01 02\ncommit 00\n");
        Files.writeString(files.resolve("wrong-root.cs"), "set 01 02\ncommit " + "00".repeat(32) + "\n");
        Files.writeString(files.resolve("missing-value.cs"), "set 01\ncommit\n");
        Files.writeString(files.resolve("empty-key.cs"), "set  02\ncommit\n");
        Files.writeString(files.resolve("two.cs"), "set 01 02\ncommit\nset 01 03\ncommit\n");
        Files.writeString(files.resolve("plan.json"), "{ \"name\": ");
        Files.writeString(files.resolve("not-a-plan.json"), "[1, 2, 3]");
        Files.writeString(files.resolve("unknown-field.json"), "{ \"nosuch\": 1 }");
        Files.createDirectories(files.resolve("empty-run"));
        Files.createDirectories(files.resolve("bad-run"));
        Files.writeString(files.resolve("bad-run/results.csv"), "not,a,results,file\n1,2\n");
        Files.writeString(files.resolve("bad-run/host.properties"), "host=x\n");
        Files.createDirectories(files.resolve("other-data"));
        Files.writeString(files.resolve("other-data/something.txt"), "not a store");
    }

    static Stream<String> cases() {
        final String f = files.toString();
        return Stream.of(
            // the command line itself
            "nosuch", "nosuch --help", "run --nosuch", "--nosuch",
            // engines and stores
            "stores --engine nosuch", "engines nosuch",
            // replay
            "replay", f + "/none.cs", "replay " + f + "/none.cs", "replay " + f, "replay " + f + "/binary.cs",
            "replay " + f + "/bad-op.cs", "replay " + f + "/bad-hex.cs", "replay " + f + "/odd-hex.cs",
            "replay " + f + "/bad-root.cs", "replay " + f + "/wrong-root.cs", "replay " + f + "/missing-value.cs",
            "replay " + f + "/empty-key.cs",
            "replay " + f + "/bad-op.cs --engine nosuch", "replay " + f + "/bad-op.cs --store nosuch",
            "replay " + f + "/bad-op.cs --engine heap --store pagefile --dir " + f + "/p",
            "replay " + f + "/bad-op.cs --store rocksdb", "replay " + f + "/bad-op.cs --store rocksdb --dir "
                + f + "/other-data",
            "replay " + f + "/bad-op.cs --store mem --dir " + f + "/other-data",
            "replay " + f + "/bad-op.cs --initial-version -5", "replay " + f + "/bad-op.cs --initial-version x",
            "replay " + f + "/two.cs --initial-version 9223372036854775807",
            "replay " + f + "/bad-op.cs --store rocksdb --store-options nosuch=1 --dir " + f + "/r",
            "replay " + f + "/bad-op.cs --store rocksdb --store-options compression=nosuch --dir " + f + "/r2",
            "replay " + f + "/bad-op.cs --store lmdb --store-options mapSizeBytes=abc --dir " + f + "/l",
            "replay " + f + "/bad-op.cs --store-options =,=",
            "replay " + f + "/two.cs --store rocksdb --dir " + f + "/empty.cs",
            "replay " + f + "/two.cs --store lmdb --dir " + f + "/none/deeper/d --store-options maxMapSizeBytes=1",
            // run: --list everywhere, so that an option not checked lists cases instead of starting a benchmark
            "run --profile nosuch --list", "run --forks 0 --list", "run --forks -1 --list", "run --forks x --list",
            "run --order nosuch --list", "run --engines nosuch --list", "run --stores nosuch --list",
            "run --filter '[' --list", "run --filter nosuchcase --list", "run --seed x --list",
            "run --like " + f + "/empty-run --list", "run --like " + f + "/none --list",
            "run --like " + f + "/bad-run --list", "run --like " + f + "/empty-run --profile quick --list",
            "run --out " + f + "/empty.cs --list", "run --data-dir " + f + "/empty.cs --list",
"run --jvm-args '-XX:+NoSuchFlag' --filter nosuchcase",
            "run --profiler nosuch --list", "run --profiler cpu,wall --list", "run --profiler '' --list",
            "run --profiler cpu --list", "run --profiler alloc --filter '^fsync.write' --list",
            // simulate: --dry-run everywhere, so that an option not checked prints the plan instead of running it
            "simulate --dry-run", "simulate nosuch --dry-run", "simulate " + f + "/none.json --dry-run",
            "simulate " + f + "/plan.json --dry-run", "simulate " + f + "/not-a-plan.json --dry-run",
            "simulate " + f + "/unknown-field.json --dry-run", "simulate smoke --engine nosuch --dry-run",
            "simulate smoke --store nosuch --dry-run", "simulate smoke --versions 0 --dry-run",
            "simulate smoke --versions -3 --dry-run", "simulate smoke --scale 0 --dry-run",
            "simulate smoke --scale -1 --dry-run", "simulate smoke --scale x --dry-run",
            "simulate smoke --forks 0 --dry-run", "simulate smoke --engine heap --store pagefile --dry-run",
            "simulate smoke --dry-run --write-changeset " + f + "/empty.cs/ops.cs",
            // diff, report, hosts, power
            "diff", "diff " + f + "/none", "diff " + f + "/none " + f + "/none2", "diff " + f + "/empty-run "
                + f + "/empty-run", "diff " + f + "/bad-run " + f + "/bad-run", "diff " + f + "/empty.cs "
                + f + "/empty.cs",
            "diff " + f + "/bad-run " + f + "/bad-run --format nosuch", "diff " + f + "/bad-run " + f
                + "/bad-run --alpha 2", "diff " + f + "/bad-run " + f + "/bad-run --min-effect -1",
            "diff " + f + "/bad-run " + f + "/bad-run --filter '['",
            "report", "report " + f + "/none", "report " + f + "/empty-run", "report " + f + "/bad-run",
            "report " + f + "/empty.cs", "report " + f + "/bad-run --out /proc/nosuch/report.html",
            "report --hosts " + f + "/none", "report --hosts " + f + "/empty.cs", "report --hosts " + f,
            "report --hosts " + f + " " + f + "/bad-run", "report " + f + "/bad-run --base vm-a",
            "hosts " + f + "/none", "hosts " + f + "/empty.cs",
            "power", "power " + f + "/none", "power " + f + "/empty-run", "power " + f + "/bad-run",
            "power " + f + "/bad-run --change 0", "power " + f + "/bad-run --forks 1", "power " + f
                + "/bad-run --trials 0", "power " + f + "/bad-run --format nosuch",
            // fsync
            "fsync --dir " + f + "/none/deeper", "fsync --dir " + f + "/empty.cs", "fsync --seconds 0 --dir " + f,
            "fsync --seconds -1 --dir " + f, "fsync --seconds x --dir " + f);
    }

    @ParameterizedTest(name = "mbench {0}")
    @MethodSource("cases")
    void shouldAnswerWithAClearMessageAndANonZeroExit(final String commandLine) throws IOException {
        final List<String> before = listing();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final PrintStream originalOut = System.out;
        final PrintStream originalErr = System.err;
        final int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Mbench.execute(words(commandLine));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        final String said = "mbench " + commandLine + "\n" + out.toString(StandardCharsets.UTF_8)
            + err.toString(StandardCharsets.UTF_8);
        assertNotEquals(0, exit, "exit 0 for a bad input; it said:\n" + said);
        assertNotEquals(3, exit, "an internal error for a bad input:\n" + said);
        assertFalse(err.toString(StandardCharsets.UTF_8).isBlank(), "no message on stderr; stdout:\n" + said);
        assertFalse(NOT_FOR_USERS.matcher(said).find(), "a stack trace or an exception's name:\n" + said);
        assertTrue(said.length() < 20_000, "a message of " + said.length() + " characters");
        assertEquals(before, listing(), "the bad input wrote files: " + said);
    }

    /** Splits on spaces, with single quotes around a word that holds special characters. */
    private static String[] words(final String commandLine) {
        final List<String> words = new ArrayList<>();
        for (final String word : commandLine.split(" ")) {
            words.add(word.length() > 1 && word.startsWith("'") && word.endsWith("'")
                ? word.substring(1, word.length() - 1) : word);
        }
        return words.toArray(new String[0]);
    }

    private static List<String> listing() throws IOException {
        try (Stream<Path> paths = Files.walk(files)) {
            return paths.map(path -> files.relativize(path).toString()).sorted().toList();
        }
    }
}
