package io.merklebench.bench.block;

import io.merklebench.bench.KeyPool;
import io.merklebench.bench.Workload;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.WorkingTree;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The TMSP block cycle that {@code block.tx} times, for every benchmark that times it: {@link #TX_PER_INVOCATION}
 * transactions as blocks of {@code blockSize}. Per block: copy the last saved version into check
 * ({@link MerkleTree#workingCopy}) and use the tree's working state as real; per tx, get+set of its key in check, then
 * get+set in real; then the root hash of real, and save, which makes real the last version. Half the txs update a
 * loaded key, half insert a new key, chosen per tx from the seed; {@link #removeInsertedKeys} undoes the inserts
 * between iterations, untimed.
 *
 * <p>Not thread-safe: one per benchmark state.
 */
public final class TmspCycle {
    /** Transactions per measured invocation; a multiple of every blockSize of the profiles (1, 10, 100, 1000). */
    public static final int TX_PER_INVOCATION = 1000;
    private static final long TX_PLAN_PURPOSE = 6;

    private final int blockSize;
    /** Key of tx i; an insert's key is new, an update's is loaded. */
    private final byte[][] txKeys = new byte[TX_PER_INVOCATION][];
    private final byte[][] txValues = new byte[TX_PER_INVOCATION][];
    private final byte[][] insertedKeys;

    /** The transactions of one invocation on a tree loaded with {@code workload}. */
    public TmspCycle(final Workload workload, final int blockSize) {
        checkBlockSize(blockSize);
        this.blockSize = blockSize;
        final KeyPool updateKeys = KeyPool.present(workload, 7);
        final SplittableRandom txPlan = new SplittableRandom(workload.seed ^ TX_PLAN_PURPOSE);
        final List<byte[]> inserts = new ArrayList<>();
        long nextNewIndex = workload.size;
        for (int tx = 0; tx < TX_PER_INVOCATION; tx++) {
            if (txPlan.nextBoolean()) {
                txKeys[tx] = workload.key(nextNewIndex);
                txValues[tx] = workload.value(nextNewIndex, 0);
                nextNewIndex++;
                inserts.add(txKeys[tx]);
            } else {
                txKeys[tx] = updateKeys.next();
                txValues[tx] = workload.value(updateKeys.lastIndex(), 1 + (tx & 1));
            }
        }
        insertedKeys = inserts.toArray(new byte[0][]);
    }

    /** Refuses a block size that does not divide an invocation's transactions; call before loading a tree. */
    public static void checkBlockSize(final int blockSize) {
        if (blockSize < 1 || TX_PER_INVOCATION % blockSize != 0) {
            throw new IllegalArgumentException("blockSize must divide " + TX_PER_INVOCATION + " transactions: blockSize="
                + blockSize);
        }
    }

    /** Removes the keys the last invocation inserted (and saves), so each iteration starts from `size` keys. */
    public void removeInsertedKeys(final MerkleTree tree) {
        boolean removed = false;
        for (final byte[] key : insertedKeys) {
            removed |= tree.remove(key);
        }
        if (removed) {
            tree.save();
        }
    }

    /** Runs the {@link #TX_PER_INVOCATION} transactions; returns the last saved root hash. */
    public byte[] run(final MerkleTree real, final Blackhole blackhole) {
        final byte[][] keys = txKeys;
        final byte[][] values = txValues;
        byte[] lastSavedHash = null;
        for (int blockStart = 0; blockStart < TX_PER_INVOCATION; blockStart += blockSize) {
            final WorkingTree check = real.workingCopy();
            for (int tx = blockStart; tx < blockStart + blockSize; tx++) {
                blackhole.consume(check.get(keys[tx]));
                check.set(keys[tx], values[tx]);
                blackhole.consume(real.get(keys[tx]));
                real.set(keys[tx], values[tx]);
            }
            blackhole.consume(real.rootHash());
            lastSavedHash = real.save();
        }
        return lastSavedHash;
    }
}
