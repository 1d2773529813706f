package io.merklebench.backends.support;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;

import java.nio.charset.StandardCharsets;

/**
 * A store's worth of known entries for damage tests: {@code commits} durable commits of {@code keysPerCommit} entries
 * each, every key and value a function of its commit and position, so that what a damaged store answers can be
 * checked entry by entry.
 */
public record CommittedEntries(int commits, int keysPerCommit) {
    /** Writes every commit into {@code store}. */
    public void writeTo(final KvStore store) {
        for (int commit = 0; commit < commits; commit++) {
            final WriteBatch batch = store.newBatch();
            for (int k = 0; k < keysPerCommit; k++) {
                batch.put(key(commit, k), value(commit, k));
            }
            store.commit(batch, true);
        }
    }

    public static byte[] key(final int commit, final int k) {
        return String.format("key-%04d-%02d", commit, k).getBytes(StandardCharsets.US_ASCII);
    }

    /** About 110 bytes, so that a few hundred commits make a log or table of tens of KB. */
    public static byte[] value(final int commit, final int k) {
        return ("value-" + commit + "-" + k + "-" + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    }
}
