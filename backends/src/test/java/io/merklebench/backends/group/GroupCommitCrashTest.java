package io.merklebench.backends.group;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write the group committer acknowledged survives a SIGKILL of the JVM that made it: a child JVM
 * ({@link GroupCommitCrashChild}) commits from many threads through a {@link GroupCommitter} on a real file-backed
 * store, the test kills it with SIGKILL mid-stream, reopens the store and looks up every acknowledged key.
 *
 * <p>What this proves and what not: a SIGKILL loses everything a process had not yet handed to the kernel, so any
 * acknowledgement given before the store commit returned would show up as a lost key. It cannot prove the data
 * reached the platter (the page cache survives a process kill); that part rests on the store issuing the sync, which
 * {@code GroupCommitterTest} and the stores' own tests check through their counters.
 */
class GroupCommitCrashTest {
    private static final int THREAD_COUNT = 32;
    /** Acknowledgements to wait for before the kill: enough for many groups, few enough to stay a few seconds. */
    private static final int ACKS_BEFORE_KILL = 3000;
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    Path tempDir;

    @Test
    void shouldKeepEveryAcknowledgedWriteAfterSigkill() throws Exception {
        final List<String> persistentStores = Registry.storeNames().stream()
            .filter(name -> Registry.store(name).persistent())
            .toList();
        Assumptions.assumeFalse(persistentStores.isEmpty(),
            "no file-backed store on the class path (only " + Registry.storeNames() + "): nothing to crash");
        for (final String storeName : persistentStores) {
            crashAndVerify(storeName);
        }
    }

    private void crashAndVerify(final String storeName) throws Exception {
        final Path directory = tempDir.resolve(storeName);
        final Path childErrors = tempDir.resolve(storeName + "-child-stderr.txt");
        final Process child = new ProcessBuilder(childCommand(storeName, directory))
            .redirectError(childErrors.toFile())
            .start();
        final List<String> acknowledged = new ArrayList<>();
        // A child that hangs without output would block readLine forever: kill it at the deadline regardless.
        final CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> child.toHandle().destroyForcibly(),
            CompletableFuture.delayedExecutor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            final long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            String line;
            boolean killed = false;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(GroupCommitCrashChild.ACK_PREFIX)) {
                    acknowledged.add(line.substring(GroupCommitCrashChild.ACK_PREFIX.length()));
                }
                if (!killed && (acknowledged.size() >= ACKS_BEFORE_KILL || System.nanoTime() > deadlineNanos)) {
                    // SIGKILL: no shutdown hooks, no flushing. Through the handle, because Process.destroyForcibly
                    // also closes our end of the pipe, and the acknowledgements already in it must still be read.
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
            }
        } finally {
            watchdog.cancel(false);
            child.destroyForcibly();
            assertTrue(child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS), "child JVM did not die");
        }
        final String stderr = Files.readString(childErrors);
        assertTrue(acknowledged.size() >= ACKS_BEFORE_KILL, "store=" + storeName + ": the child acknowledged only "
            + acknowledged.size() + " writes before its deadline; its stderr:\n" + stderr);
        assertEquals(137, child.exitValue(), "store=" + storeName + " child should die of SIGKILL; stderr:\n" + stderr);

        try (KvStore reopened = Registry.store(storeName).open(directory, StoreOptions.DEFAULTS)) {
            for (final String key : acknowledged) {
                assertArrayEquals(GroupCommitCrashChild.bytes(GroupCommitCrashChild.value(key)),
                    reopened.get(GroupCommitCrashChild.bytes(key)),
                    "store=" + storeName + ": acknowledged key lost after SIGKILL: " + key
                        + " (acknowledged=" + acknowledged.size() + ")");
            }
        } finally {
            Registry.store(storeName).destroy(directory);
        }
    }

    private static List<String> childCommand(final String storeName, final Path directory) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElseThrow(() -> new IllegalStateException("cannot find the java executable of this JVM")));
        final String jvmFlags = System.getProperty("merklebench.jvmFlags", "").trim();
        if (!jvmFlags.isEmpty()) {
            command.addAll(Arrays.asList(jvmFlags.split("\\s+")));
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GroupCommitCrashChild.class.getName());
        command.add(storeName);
        command.add(directory.toAbsolutePath().toString());
        command.add(Integer.toString(THREAD_COUNT));
        return command;
    }
}
