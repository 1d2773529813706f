package io.merklebench.bench.sync;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
/*
 * Question: how many durable writes per second does this disk give, by sync method and write size, and does a
 * store's own durable commit of one small put get close to the raw rate (target: the best store at >= 90% of raw
 * fdatasync, i.e. the toolkit adds no hidden syncs)?
 *
 * Expected: on a disk that honours flushes, hundreds to a few thousand syncs/s (a cloud volume: a few hundred);
 * thousands with a write-back cache. fdatasync <= O_DSYNC < fsync ~ O_SYNC in latency, because fsync also writes
 * metadata; msync close to fdatasync. Latency grows little from 512 B to 8 KiB and visibly at 64 KiB.
 *
 * Timed, per op (sample time: every op's latency, so p50/p99/p99.9/max are real percentiles):
 *   write       - one writeSize write at the next aligned offset of a pre-allocated 16 MiB file, made durable by
 *                 `method`: syncs per second = 1e6 / mean us/op;
 *   storeCommit - `store`'s commit(durable=true) of a batch of one put (16-byte key, writeSize-byte value) to a
 *                 key overwritten in a cycle of 1024 keys.
 * Not timed: creating and filling the test file (written and synced in setup, so measured writes allocate
 * nothing), opening the store. Files live in the data directory (-Dmerklebench.dataDir, default ./mbench-data), never
 * java.io.tmpdir; a tmpfs directory is refused.
 * Secondary results (SyncCountersAux): measuredOps, syncs and storeBytes, so syncsPerOp shows a store's hidden
 * syncs (1 means none), and the kernel's counters, so deviceFlushesPerOp shows the cache flushes a sync really cost.
 */
public class FsyncBench {
    /** A pre-allocated file and one raw sync method. One per thread. */
    @State(Scope.Thread)
    public static class RawFile {
        /** How each write is made durable. */
        @Param
        public SyncMethod method;

        /** Bytes per write, aligned to this size in the file. */
        @Param({"512", "4096", "8192", "65536"})
        public int writeSize;

        SyncedFile file;

        @Setup(Level.Trial)
        public void create(final BenchmarkParams params) {
            file = SyncedFile.create(SyncDirectory.trialFile(SyncDirectory.resolve(), params.id()), method, writeSize);
        }

        @TearDown(Level.Trial)
        public void delete() {
            file.close();
        }
    }

    /** A store in a fresh directory under the data directory, and the put it commits. One per thread. */
    @State(Scope.Thread)
    public static class StoreCommit {
        /** Keys cycled through, so the store overwrites instead of growing without bound. */
        static final int KEY_CYCLE = 1024;
        static final int KEY_LENGTH = 16;

        /** Store, a registry name; mem is the default only because it always exists (it issues no syncs). */
        @Param("mem")
        public String store;

        /** Value bytes of the one put. */
        @Param({"512", "4096", "8192", "65536"})
        public int writeSize;

        KvStore kvStore;
        Path directory;
        final WriteBatch batch = new WriteBatch();
        byte[][] keys;
        byte[] value;
        int commitCount;

        @Setup(Level.Trial)
        public void open() throws java.io.IOException {
            final StoreFactory factory = Registry.store(store);
            directory = Files.createTempDirectory(SyncDirectory.resolve(), "fsync-store-" + store + "-");
            kvStore = factory.open(directory, StoreOptions.DEFAULTS);
            keys = new byte[KEY_CYCLE][];
            for (int i = 0; i < KEY_CYCLE; i++) {
                keys[i] = String.format("fsync-key-%06d", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            value = new byte[writeSize];
            new java.util.SplittableRandom(1234).nextBytes(value);
        }

        @TearDown(Level.Trial)
        public void closeAndDestroy() {
            try {
                kvStore.close();
            } finally {
                Registry.store(store).destroy(directory);
            }
        }
    }

    @Benchmark
    public long write(final RawFile raw, final SyncCountersAux counters) {
        final long fileOffset = raw.file.writeAndSync();
        counters.record(1, 1, raw.writeSize);
        return fileOffset;
    }

    @Benchmark
    public int storeCommit(final StoreCommit state, final SyncCountersAux counters) {
        final WriteBatch batch = state.batch;
        batch.clear();
        final int keyIndex = state.commitCount++ % StoreCommit.KEY_CYCLE;
        batch.put(state.keys[keyIndex], state.value);
        counters.watch(state.kvStore);
        state.kvStore.commit(batch, true);
        counters.record(1, 0, 0);
        return keyIndex;
    }

    /*
     * Results (2026-11-23, the 2-core shared build VM, ext4 on /dev/vda with a write-back cache, JDK 17, commit
     * 8399a08+sync; 1 fork, 3 x 2 s, while ~8 builds ran: syncs took ~5 ms instead of the ~130 us measured idle):
     *
     *   Benchmark     method     store    writeSize   syncs/s   p50 us    p99 us   syncs/op
     *   write         fdatasync  -              512        61     6115   200595   1.00   <-- disk busiest then
     *   storeCommit   -          rocksdb        512       163     5079    28187   1.00
     *   storeCommit   -          leveldb        512       141     5984    31717   1.00
     *   storeCommit   -          mmap           512       121     5431   108609   1.00
     *   storeCommit   -          lmdb           512        88     9830    58999   2.00   <-- two syncs per commit
     *
     * Too noisy to judge the 90%-of-raw target (the raw row ran in the worst minute); what it does show is the
     * syncs/op column: LMDB syncs twice per commit (data pages, then the meta page), the others once.
     *
     *
     * How to run:
     *   mbench run --profile quick               (the fsync family is part of every profile)
     *   java -Dmerklebench.dataDir=/mnt/disk/mbench -jar benchmarks/target/mbench.jar jmh FsyncBench -p method=fdatasync
     *   plain JMH: java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main FsyncBench -foe true \
     *     -jvmArgsAppend -Dmerklebench.dataDir=/mnt/disk/mbench -p store=rocksdb,leveldb,lmdb,mmap
     */
}
