package io.merklebench.core.conformance.store;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.ChildJvm;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Durability under SIGKILL: a child JVM ({@link DurableBatchWriter}) commits numbered batches with
 * {@code durable=true} and prints each acknowledged batch; the test kills it with SIGKILL after a seeded number of
 * acknowledgements plus a seeded delay (so the kill lands at varying points inside the next commit), reopens the
 * store and checks that every acknowledged batch is there in full and that no batch is there in part. The rounds run
 * one after another on the same directory, so each round also recovers from the previous round's kill.
 *
 * <p>SIGKILL keeps the OS page cache, so this proves atomicity and recovery of what the process wrote, not the
 * device flush itself (that needs a power cut; the mmap store's torn-tail handling is tested directly instead).
 *
 * <p>The child runs with the same java binary, class path and {@code merklebench.jvmFlags} (a system property the build
 * passes to the test JVM) as this test. Subclass once per persistent store.
 */
public abstract class StoreKillTest {
    /** Seeds of the kill rounds: each picks how many acks to wait for and how long to wait after the last. */
    private static final long[] DURABLE_ROUND_SEEDS = {11L, 22L, 33L, 44L};
    private static final long[] NON_DURABLE_ROUND_SEEDS = {55L, 66L};
    private static final int MAX_ACKS_BEFORE_KILL = 25;
    private static final int MAX_KILL_DELAY_MICROS = 3_000;
    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    protected Path tempDir;

    /** The registry name of the store under test. */
    protected abstract String storeName();

    protected StoreOptions storeOptions() {
        return StoreOptions.DEFAULTS;
    }

    @Test
    void shouldKeepEveryAcknowledgedBatchAndNoPartialBatchAfterSigkill() throws Exception {
        runKillRounds(true, DURABLE_ROUND_SEEDS);
    }

    /**
     * Non-durable commits may be lost in a crash, but only whole and only from the end: the batches present after
     * the kill are complete and numbered 1..n without a gap.
     */
    @Test
    void shouldNeverShowPartialOrOutOfOrderBatchAfterSigkillOfNonDurableWriter() throws Exception {
        runKillRounds(false, NON_DURABLE_ROUND_SEEDS);
    }

    /**
     * A directory another process holds open is refused on open with one message naming it, the same for every store
     * (the stores' shared directory lock), rather than two writers corrupting one store.
     */
    @Test
    void shouldRefuseADirectoryThatAnotherProcessHasOpen() throws Exception {
        final Path directory = tempDir.resolve("held-store");
        final Path stderr = tempDir.resolve("holder.stderr");
        final Process holder = new ProcessBuilder(childCommand(directory, 1, 1L, true))
            .redirectError(stderr.toFile())
            .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            final String first = out.readLine();
            assertEquals(DurableBatchWriter.READY_LINE, first, "the holder opened the store, stderr:\n" + Files.readString(stderr));
            final StoreException refused = assertThrows(StoreException.class,
                () -> Registry.store(storeName()).open(directory, storeOptions()).close());
            assertEquals(storeName() + " store directory is already open in another process: " + directory.toAbsolutePath(),
                refused.getMessage());
        } finally {
            holder.destroyForcibly();
            if (!holder.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("the holder did not die after SIGKILL");
            }
        }
    }

    private void runKillRounds(final boolean durable, final long[] seeds) throws Exception {
        final Path directory = tempDir.resolve(durable ? "durable-store" : "buffered-store");
        long nextBatchNumber = 1;
        long totalAcknowledged = 0;
        for (final long seed : seeds) {
            final SplittableRandom random = new SplittableRandom(seed);
            final int acksBeforeKill = 1 + random.nextInt(MAX_ACKS_BEFORE_KILL);
            final long killDelayMicros = random.nextInt(MAX_KILL_DELAY_MICROS + 1);
            final String where = "store=" + storeName() + " durable=" + durable + " seed=" + seed
                + " acksBeforeKill=" + acksBeforeKill + " killDelayMicros=" + killDelayMicros;
            final long lastAcknowledged = runChildAndKill(
                directory, nextBatchNumber, seed, durable, acksBeforeKill, killDelayMicros, where);
            totalAcknowledged += lastAcknowledged - nextBatchNumber + 1;
            final long lastPresent = verifyBatches(directory, lastAcknowledged, durable, where);
            nextBatchNumber = lastPresent + 1;
        }
        assertTrue(totalAcknowledged >= seeds.length, "every round acknowledged at least one batch");
    }

    /** Runs the writer until it has acknowledged {@code acksBeforeKill} batches, kills it, returns the last ack. */
    private long runChildAndKill(final Path directory, final long firstBatchNumber, final long seed, final boolean durable,
                                 final int acksBeforeKill, final long killDelayMicros, final String where)
        throws IOException, InterruptedException {
        final Path stderr = tempDir.resolve("child-" + seed + ".stderr");
        final Process child = new ProcessBuilder(childCommand(directory, firstBatchNumber, seed, durable))
            .redirectError(stderr.toFile())
            .start();
        long lastAcknowledged = firstBatchNumber - 1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            final long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_TIMEOUT_SECONDS);
            int acks = 0;
            while (acks < acksBeforeKill) {
                final String line = out.readLine();
                if (line == null) {
                    child.waitFor(5, TimeUnit.SECONDS);
                    fail(where + ": child exited before " + acksBeforeKill + " acks (exit="
                        + (child.isAlive() ? "running" : child.exitValue()) + "), stderr:\n" + Files.readString(stderr));
                }
                if (line.startsWith(DurableBatchWriter.ACK_PREFIX)) {
                    lastAcknowledged = Long.parseLong(line.substring(DurableBatchWriter.ACK_PREFIX.length()));
                    acks++;
                }
                if (System.nanoTime() > deadlineNanos) {
                    fail(where + ": child too slow, " + acks + " acks in " + CHILD_TIMEOUT_SECONDS + " s");
                }
            }
            busyWaitMicros(killDelayMicros);
            // ProcessHandle sends SIGKILL without closing our end of the pipe (Process.destroyForcibly closes it).
            child.toHandle().destroyForcibly();
            // Acks printed between our last read and the kill count too: the batch was committed durably.
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(DurableBatchWriter.ACK_PREFIX) && line.length() > DurableBatchWriter.ACK_PREFIX.length()) {
                    try {
                        lastAcknowledged = Long.parseLong(line.substring(DurableBatchWriter.ACK_PREFIX.length()));
                    } catch (final NumberFormatException torn) {
                        // A line cut by the kill: its batch number is unknown, so it is not counted as acknowledged.
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail(where + ": child did not die after SIGKILL");
            }
        }
        return lastAcknowledged;
    }

    /**
     * Reopens the store and checks that every batch present is complete, that the batches present are 1..n without a
     * gap, that nothing past the writer's reach is there, and (durable writer) that n covers every acknowledged batch.
     * Returns n.
     */
    private long verifyBatches(final Path directory, final long lastAcknowledged, final boolean durable, final String where) {
        final TreeMap<Long, List<Integer>> slotsByBatch = new TreeMap<>();
        final List<String> badValues = new ArrayList<>();
        try (KvStore store = Registry.store(storeName()).open(directory, storeOptions())) {
            store.iterate(null, null, (key, value) -> {
                final ByteBuffer keyBuffer = ByteBuffer.wrap(key);
                final int slot = keyBuffer.get();
                final long batchNumber = keyBuffer.getLong();
                if (!DurableBatchWriter.isValue(value, slot, batchNumber)) {
                    badValues.add(Bytes.toHex(key));
                }
                slotsByBatch.computeIfAbsent(batchNumber, ignored -> new ArrayList<>()).add(slot);
                return true;
            });
        }
        assertEquals(List.of(), badValues, where + ": keys whose value is not what was written");
        if (durable) {
            for (long batchNumber = 1; batchNumber <= lastAcknowledged; batchNumber++) {
                assertEquals(DurableBatchWriter.KEYS_PER_BATCH, slotsByBatch.getOrDefault(batchNumber, List.of()).size(),
                    where + ": acknowledged batch " + batchNumber + " of " + lastAcknowledged + " is not complete, slots="
                        + slotsByBatch.get(batchNumber));
            }
        }
        slotsByBatch.forEach((batchNumber, slots) -> assertEquals(DurableBatchWriter.KEYS_PER_BATCH, slots.size(),
            where + ": batch " + batchNumber + " partly applied, slots=" + slots + " lastAcknowledged=" + lastAcknowledged));
        final long lastPresent = slotsByBatch.isEmpty() ? 0 : slotsByBatch.lastKey();
        assertEquals(lastPresent, slotsByBatch.size(), where + ": batches present are not 1.." + lastPresent
            + " without a gap: " + slotsByBatch.keySet());
        assertTrue(lastPresent <= lastAcknowledged + 1, where + ": batch " + lastPresent
            + " present but the writer only reached " + (lastAcknowledged + 1));
        return lastPresent;
    }

    private List<String> childCommand(final Path directory, final long firstBatchNumber, final long seed,
                                      final boolean durable) {
        // A short-lived writer: C1 only and a small heap start faster, which keeps the test at seconds.
        return ChildJvm.command(nativeTempDirectory(), List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"),
            DurableBatchWriter.class, storeName(), directory.toAbsolutePath().toString(),
            storeOptions().toString().isEmpty() ? "-" : storeOptions().toString(),
            Long.toString(firstBatchNumber), Long.toString(seed), Boolean.toString(durable));
    }

    private Path nativeTempDirectory() {
        try {
            return Files.createDirectories(tempDir.resolve("child-tmp"));
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException("could not create the child JVM's temp directory under " + tempDir, e);
        }
    }

    private static void busyWaitMicros(final long micros) {
        final long untilNanos = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        while (System.nanoTime() < untilNanos) {
            Thread.onSpinWait();
        }
    }
}
