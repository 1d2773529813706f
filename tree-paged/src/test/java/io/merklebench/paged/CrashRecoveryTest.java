package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kills a child JVM ({@link CrashChild}) with SIGKILL while it saves versions in a loop on the mmap page file (and
 * appends each returned root hash to an acknowledgement file), then
 * reopens the file: the version found must be the last one the child acknowledged, or the one after it (saved but not
 * yet printed), with the exact root hash and contents of a reference tree that replayed the same operations. Each
 * child continues from what the previous one left, so recovery is also tested on top of recovered files.
 *
 * <p>SIGKILL keeps the OS page cache, so this proves the write ordering and the header protocol, not behaviour on
 * power loss; {@link PageCorruptionTest} covers torn headers and damaged pages directly.
 *
 * <p>Quick mode: {@value #QUICK_KILLS} kills. {@code -Dmerklebench.longTests=true}: {@value #LONG_KILLS} kills.
 */
class CrashRecoveryTest {
    private static final long SEED = 20261123L;
    private static final int QUICK_KILLS = 6;
    private static final int LONG_KILLS = 60;
    /** Longest time a child runs after it opened the file, before it is killed. */
    private static final int MAX_RUN_MILLIS = 600;

    @TempDir
    Path directory;

    @Test
    void shouldRecoverLastAcknowledgedVersionAfterKills() throws Exception {
        final int kills = Boolean.getBoolean("merklebench.longTests") ? LONG_KILLS : QUICK_KILLS;
        final PageGeometry geometry = PageGeometry.PAGED15;
        final Path treeDirectory = directory.resolve("crash");
        final SplittableRandom random = new SplittableRandom(SEED);
        final Path referenceDirectory = directory.resolve("reference");
        int killsAfterSave = 0;
        int recoveredUnacknowledged = 0;
        try (PagedTree reference = PagedTrees.open(referenceDirectory, geometry, PagedTrees.Pages.MEM_STORE,
            TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(CrashChild.KEEP_RECENT))) {
            for (int kill = 0; kill < kills; kill++) {
                final Path acknowledgementFile = directory.resolve("acknowledged-" + kill + ".txt");
                runAndKill(treeDirectory, geometry, random.nextInt(MAX_RUN_MILLIS), acknowledgementFile);
                final List<String> lines = java.nio.file.Files.readAllLines(acknowledgementFile);
                final String context = "seed=" + SEED + " kill=" + kill + " child output: " + lines;
                long acknowledged = -1;
                byte[] acknowledgedHash = null;
                for (final String line : lines) {
                    final String[] parts = line.split(" ");
                    if (parts[0].equals("opened")) {
                        acknowledged = Long.parseLong(parts[1]);
                    } else if (parts[0].equals("saved")) {
                        acknowledged = Long.parseLong(parts[1]);
                        acknowledgedHash = Bytes.fromHex(parts[2]);
                    }
                }
                assertTrue(acknowledged >= 0, "child opened the file before it was killed " + context);
                try (PagedTree recovered = PagedTrees.open(treeDirectory, geometry, PagedTrees.Pages.PAGE_FILE,
                    CrashChild.options())) {
                    final long version = recovered.lastSavedVersion();
                    while (reference.lastSavedVersion() < version) {
                        CrashChild.applyVersion(reference, SEED, reference.lastSavedVersion() + 1);
                        reference.save();
                    }
                    assertTrue(version == acknowledged || version == acknowledged + 1,
                        "recovered version=" + version + " acknowledged=" + acknowledged + " recovered hash "
                            + (Arrays.equals(reference.rootHash(), recovered.rootHash()) ? "equals" : "differs from")
                            + " the reference's at that version " + context);
                    if (acknowledgedHash != null && version == acknowledged) {
                        assertArrayEquals(acknowledgedHash, recovered.rootHash(), "acknowledged hash " + context);
                    }
                    if (version > acknowledged) {
                        recoveredUnacknowledged++;
                    }
                    if (acknowledgedHash != null) {
                        killsAfterSave++;
                    }
                    assertArrayEquals(reference.rootHash(), recovered.rootHash(), "reference hash " + context);
                    assertEquals(reference.size(), recovered.size(), "size " + context);
                    final List<byte[]> expected = new ArrayList<>();
                    reference.iterate(null, null, (key, value) -> expected.add(concat(key, value)));
                    final List<byte[]> actual = new ArrayList<>();
                    recovered.iterate(null, null, (key, value) -> actual.add(concat(key, value)));
                    assertEquals(expected.size(), actual.size(), context);
                    for (int i = 0; i < expected.size(); i++) {
                        assertArrayEquals(expected.get(i), actual.get(i), "entry #" + i + " " + context);
                    }
                    for (final long kept : recovered.savedVersions()) {
                        assertArrayEquals(reference.view(kept).rootHash(), recovered.view(kept).rootHash(),
                            "kept version=" + kept + " " + context);
                    }
                }
            }
        } finally {
            PagedTrees.destroyMem(referenceDirectory);
            PagedTrees.destroyMem(treeDirectory);
        }
        System.out.println("CrashRecoveryTest: kills=" + kills + " killsAfterAtLeastOneSave=" + killsAfterSave
            + " recoveredOneVersionPastAcknowledged=" + recoveredUnacknowledged + " seed=" + SEED);
    }

    /** Starts the child, waits until it opened the file, lets it run {@code runMillis}, then SIGKILLs it. */
    private static void runAndKill(
        final Path treeDirectory, final PageGeometry geometry, final int runMillis, final Path acknowledgementFile)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        final String flags = System.getProperty("merklebench.jvmFlags", "");
        if (!flags.isBlank() && !flags.startsWith("${")) {
            command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashChild.class.getName());
        command.add(treeDirectory.toString());
        command.add(geometry.name());
        command.add(Long.toString(SEED));
        command.add(acknowledgementFile.toString());
        // stderr goes to a file, so a JVM warning can never interleave with (and hide) an acknowledgement line.
        final Process child = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(treeDirectory.resolveSibling("child-stderr.txt").toFile()))
            .start();
        final List<String> lines = new ArrayList<>();
        final Object opened = new Object();
        final Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("opened")) {
                        synchronized (opened) {
                            opened.notifyAll();
                        }
                    }
                }
            } catch (final IOException e) {
                // The stream closes when the child is killed.
            }
        });
        reader.start();
        final long deadlineMillis = System.currentTimeMillis() + 60_000;
        synchronized (opened) {
            while (!hasOpened(lines) && child.isAlive() && System.currentTimeMillis() < deadlineMillis) {
                opened.wait(100);
            }
        }
        Thread.sleep(runMillis);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child ended after SIGKILL");
        // Every line the child wrote before SIGKILL is still in the pipe: wait until the reader has drained it.
        reader.join(120_000);
        assertFalse(reader.isAlive(), "reader drained the child's output within 120 s");
        synchronized (lines) {
            if (!hasOpened(lines)) {
                final Path stderr = treeDirectory.resolveSibling("child-stderr.txt");
                fail("child did not start: stdout: " + String.join("\n", lines) + " stderr: "
                    + (java.nio.file.Files.exists(stderr) ? java.nio.file.Files.readString(stderr) : "(none)"));
            }
        }
    }

    private static boolean hasOpened(final List<String> lines) {
        synchronized (lines) {
            return lines.stream().anyMatch(line -> line.startsWith("opened"));
        }
    }

    private static byte[] concat(final byte[] key, final byte[] value) {
        final byte[] both = Arrays.copyOf(key, key.length + 1 + value.length);
        both[key.length] = '=';
        System.arraycopy(value, 0, both, key.length + 1, value.length);
        return both;
    }
}
