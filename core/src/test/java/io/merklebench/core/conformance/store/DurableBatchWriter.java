package io.merklebench.core.conformance.store;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link StoreKillTest}: opens a store and commits numbered batches forever (durable unless told
 * otherwise), printing {@code ack <batchNumber>} after each commit returns, until it is killed.
 *
 * <p>Batch {@code n} writes {@link #KEYS_PER_BATCH} keys {@code [slot:1][n:8]}, spread over the key space so that a
 * partly applied batch shows as missing slots, each with value {@code [n:8][slot:1][padding]} where the padding length
 * comes from the seed (up to {@link #MAX_PADDING_BYTES}), so batches are big enough for a kill to land inside a write.
 *
 * <p>Arguments: {@code storeName directory storeOptions firstBatchNumber seed durable}.
 */
public final class DurableBatchWriter {
    public static final int KEYS_PER_BATCH = 8;
    public static final int MAX_PADDING_BYTES = 4096;
    public static final String ACK_PREFIX = "ack ";
    public static final String READY_LINE = "ready";

    private DurableBatchWriter() {
    }

    public static void main(final String[] args) {
        if (args.length != 6) {
            System.err.println("usage: DurableBatchWriter storeName directory storeOptions firstBatchNumber seed durable");
            System.exit(2);
        }
        final String storeName = args[0];
        final Path directory = Path.of(args[1]);
        final StoreOptions options = StoreOptions.parse(args[2].equals("-") ? "" : args[2]);
        final long firstBatchNumber = Long.parseLong(args[3]);
        final SplittableRandom random = new SplittableRandom(Long.parseLong(args[4]));
        final boolean durable = Boolean.parseBoolean(args[5]);
        final PrintStream out = System.out;
        try (KvStore store = Registry.store(storeName).open(directory, options)) {
            out.println(READY_LINE);
            out.flush();
            final WriteBatch batch = store.newBatch();
            for (long batchNumber = firstBatchNumber; ; batchNumber++) {
                batch.clear();
                for (int slot = 0; slot < KEYS_PER_BATCH; slot++) {
                    batch.put(key(slot, batchNumber), value(slot, batchNumber, random.nextInt(MAX_PADDING_BYTES + 1)));
                }
                store.commit(batch, durable);
                out.println(ACK_PREFIX + batchNumber);
                out.flush();
            }
        }
    }

    public static byte[] key(final int slot, final long batchNumber) {
        return ByteBuffer.allocate(1 + Long.BYTES).put((byte)slot).putLong(batchNumber).array();
    }

    static byte[] value(final int slot, final long batchNumber, final int paddingBytes) {
        final byte[] value = new byte[Long.BYTES + 1 + paddingBytes];
        ByteBuffer.wrap(value).putLong(batchNumber).put((byte)slot);
        for (int i = Long.BYTES + 1; i < value.length; i++) {
            value[i] = (byte)(batchNumber * 31 + i);
        }
        return value;
    }

    /** Whether {@code value} is what {@link #value} wrote for this slot and batch (any padding length). */
    static boolean isValue(final byte[] value, final int slot, final long batchNumber) {
        if (value.length < Long.BYTES + 1 || value.length > Long.BYTES + 1 + MAX_PADDING_BYTES) {
            return false;
        }
        final ByteBuffer buffer = ByteBuffer.wrap(value);
        if (buffer.getLong() != batchNumber || buffer.get() != (byte)slot) {
            return false;
        }
        for (int i = Long.BYTES + 1; i < value.length; i++) {
            if (value[i] != (byte)(batchNumber * 31 + i)) {
                return false;
            }
        }
        return true;
    }
}
