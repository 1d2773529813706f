package io.merklebench.bench;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;

/**
 * A raw store, no tree: opened in a fresh trial directory and loaded with the workload's {@code size} keys
 * (value variant 0) in batches of {@value #LOAD_KEYS_PER_BATCH}, committed without sync, before anything is
 * measured. Closed and destroyed at the end of the trial. Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
public class StoreState {
    public static final int LOAD_KEYS_PER_BATCH = 10_000;

    /** Store, a registry name ({@code mem}, {@code rocksdb}, {@code leveldb}, {@code lmdb}, {@code mmap}). */
    @Param("mem")
    public String store;

    private KvStore kvStore;
    private Path directory;

    public KvStore openLoaded(final Workload workload, final BenchmarkParams params) {
        workload.validate();
        directory = TrialDirectory.create(params, "store");
        kvStore = Registry.store(store).open(directory, StoreOptions.DEFAULTS);
        if (!kvStore.kind().equals(store)) {
            throw new IllegalStateException("asked for store=" + store + " but opened store=" + kvStore.kind());
        }
        final WriteBatch batch = kvStore.newBatch();
        for (long index = 0; index < workload.size; index++) {
            batch.put(workload.key(index), workload.value(index, 0));
            if (batch.size() == LOAD_KEYS_PER_BATCH) {
                kvStore.commit(batch, false);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            kvStore.commit(batch, false);
        }
        return kvStore;
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void closeAndDestroy() {
        try {
            if (kvStore != null) {
                kvStore.close();
            }
        } finally {
            kvStore = null;
            TrialDirectory.destroy(store, directory);
            directory = null;
        }
    }
}
