package io.merklebench.backends.group;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreClosedException;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group committer's merging, ordering and failure semantics, on every registered store (mem always; the
 * file-backed stores when they are on the class path). Groups are held open with a {@link GateListener}, so which
 * request lands in which group is deterministic.
 */
class GroupCommitterTest {
    private static final long[] SEEDS = {1234L, 42L, 20261123L};
    private static final long WAIT_SECONDS = GateListener.WAIT_SECONDS;

    @TempDir
    Path tempDir;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<Runnable> cleanups = new ArrayList<>();

    static List<String> storeNames() {
        return Registry.storeNames();
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        callers.shutdownNow();
        assertTrue(callers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "caller threads did not finish");
        cleanups.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldCommitAloneAtOnceOneGroupPerRequest(final String storeName) {
        final KvStore store = open(storeName);
        final GroupCommitter committer = new GroupCommitter(store);
        for (int i = 0; i < 20; i++) {
            committer.commit(new WriteBatch().put(key(i), value(i)));
            assertArrayEquals(value(i), store.get(key(i)), "visible right after commit returned: i=" + i);
        }
        final GroupCommitter.Counts counts = committer.counts();
        assertEquals(20, counts.requestCount());
        assertEquals(20, counts.groupCount(), "a lone caller never waits for company");
        assertEquals(1, counts.largestGroupBatchCount());
        assertEquals(0, committer.pendingCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldMergeRequestsQueuedWhileAGroupIsInFlightIntoOneGroup(final String storeName) throws Exception {
        final KvStore store = open(storeName);
        final GateListener listener = new GateListener(1);
        final GroupCommitter committer = new GroupCommitter(store, listener);
        final Future<?> first = submit(committer, new WriteBatch().put(key(0), value(0)));
        listener.awaitHeld();
        final List<Future<?>> followers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            followers.add(submitQueued(committer, new WriteBatch().put(key(i), value(i)).put(key(100 + i), value(i))));
        }
        assertFalse(first.isDone(), "the leader returned before its commit");
        listener.open();
        first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (final Future<?> follower : followers) {
            follower.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(List.of(1, 5), listener.batchCounts(), "five requests queued behind group 1 form group 2");
        assertEquals(10, listener.groups.get(1)[2], "operationCount of the merged group");
        for (int i = 0; i <= 5; i++) {
            assertArrayEquals(value(i), store.get(key(i)), "key i=" + i);
        }
        final GroupCommitter.Counts counts = committer.counts();
        assertEquals(6, counts.requestCount());
        assertEquals(2, counts.groupCount());
        assertEquals(11, counts.operationCount());
        assertEquals(5, counts.largestGroupBatchCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldNotReturnToAnyCallerBeforeItsGroupIsCommitted(final String storeName) throws Exception {
        final KvStore store = open(storeName);
        final GateListener listener = new GateListener(2);
        final GroupCommitter committer = new GroupCommitter(store, listener);
        // Group 1 (a lone request) passes; group 2 is held just before its store commit.
        committer.commit(new WriteBatch().put(key(0), value(0)));
        final Future<?> leader = submit(committer, new WriteBatch().put(key(1), value(1)));
        listener.awaitHeld();
        final List<Future<?>> followers = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            followers.add(submitQueued(committer, new WriteBatch().put(key(i), value(i))));
        }
        // Group 2 (key 1) is about to commit and group 3 (keys 2..4) is queued: nobody may have returned yet.
        assertFalse(leader.isDone(), "group 2's caller returned before its commit");
        for (final Future<?> follower : followers) {
            assertFalse(follower.isDone(), "a queued caller returned before any commit of its batch");
        }
        for (int i = 1; i <= 4; i++) {
            assertNull(store.get(key(i)), "nothing of groups 2 and 3 is committed yet: i=" + i);
        }
        listener.open();
        leader.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (final Future<?> follower : followers) {
            follower.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(List.of(1, 1, 3), listener.batchCounts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldApplyBatchesOfOneGroupInArrivalOrder(final String storeName) throws Exception {
        final KvStore store = open(storeName);
        final GateListener listener = new GateListener(1);
        final GroupCommitter committer = new GroupCommitter(store, listener);
        final Future<?> first = submit(committer, new WriteBatch().put(key(0), value(0)));
        listener.awaitHeld();
        final Future<?> earlier = submitQueued(committer, new WriteBatch().put(key(7), bytes("earlier")));
        final Future<?> later = submitQueued(committer,
            new WriteBatch().put(key(7), bytes("later")).delete(key(0)));
        listener.open();
        first.get(WAIT_SECONDS, TimeUnit.SECONDS);
        earlier.get(WAIT_SECONDS, TimeUnit.SECONDS);
        later.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of(1, 2), listener.batchCounts());
        assertArrayEquals(bytes("later"), store.get(key(7)), "the later request of a group wins, as if serial");
        assertNull(store.get(key(0)), "a delete in group 2 applies after group 1's put");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldReportAFailedCommitToEveryCallerOfTheGroup(final String storeName) throws Exception {
        final KvStore store = open(storeName);
        final GateListener listener = new GateListener(1);
        final GroupCommitter committer = new GroupCommitter(store, listener);
        final Future<?> first = submit(committer, new WriteBatch().put(key(0), value(0)));
        listener.awaitHeld();
        final List<Future<?>> followers = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            followers.add(submitQueued(committer, new WriteBatch().put(key(i), value(i))));
        }
        store.close(); // under the held group: its commit, and the next group's, hit a closed store
        listener.open();
        assertFailedWithClosedStore(first, "the leader");
        for (int i = 0; i < followers.size(); i++) {
            assertFailedWithClosedStore(followers.get(i), "follower " + i);
        }
        assertEquals(List.of(1, 4), listener.batchCounts());
        final GroupCommitter.Counts counts = committer.counts();
        assertEquals(2, counts.failedGroupCount());
        assertEquals(2, counts.groupCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldCommitTheNextGroupAfterAFailedOne(final String storeName) {
        final KvStore store = open(storeName);
        final GroupCommitter committer = new GroupCommitter(store, (groupSequence, batchCount, operationCount) -> {
            if (groupSequence == 1) {
                throw new IllegalStateException("listener failure in group 1");
            }
        });
        final StoreException failure = assertThrows(StoreException.class,
            () -> committer.commit(new WriteBatch().put(key(1), value(1))));
        assertTrue(failure.getMessage().startsWith("group commit failed: groupSequence=1 batchCount=1 operationCount=1"),
            failure.getMessage());
        assertNull(store.get(key(1)), "a failed group leaves nothing behind");
        committer.commit(new WriteBatch().put(key(2), value(2)));
        assertArrayEquals(value(2), store.get(key(2)));
        assertEquals(1, committer.counts().failedGroupCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeNames")
    void shouldCommitEveryWriteOfManyConcurrentCallers(final String storeName) throws Exception {
        for (final long seed : SEEDS) {
            final KvStore store = open(storeName);
            final StoreCounters.Snapshot storeBefore = store.counters().snapshot();
            final AtomicLong groupsSeen = new AtomicLong();
            final GroupCommitter committer = new GroupCommitter(store,
                (groupSequence, batchCount, operationCount) -> groupsSeen.incrementAndGet());
            final int threadCount = 16;
            final int commitsPerThread = 50;
            final SplittableRandom seedRandom = new SplittableRandom(seed);
            final List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                final int threadIndex = t;
                final SplittableRandom random = seedRandom.split();
                results.add(callers.submit(() -> {
                    int operations = 0;
                    for (int c = 0; c < commitsPerThread; c++) {
                        final WriteBatch batch = new WriteBatch();
                        final int putCount = 1 + random.nextInt(4);
                        for (int p = 0; p < putCount; p++) {
                            batch.put(threadKey(threadIndex, c, p), value(c * 31 + p));
                        }
                        committer.commit(batch);
                        // returned: every put of this batch must be committed already
                        for (int p = 0; p < putCount; p++) {
                            if (store.get(threadKey(threadIndex, c, p)) == null) {
                                throw new AssertionError("seed=" + seed + " thread=" + threadIndex + " commit=" + c
                                    + " put=" + p + " missing right after commit returned");
                            }
                        }
                        operations += putCount;
                    }
                    return operations;
                }));
            }
            long operationTotal = 0;
            for (final Future<Integer> result : results) {
                operationTotal += result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            final GroupCommitter.Counts counts = committer.counts();
            assertEquals((long) threadCount * commitsPerThread, counts.requestCount(), "seed=" + seed);
            assertEquals(operationTotal, counts.operationCount(), "seed=" + seed);
            assertEquals(groupsSeen.get(), counts.groupCount(), "seed=" + seed);
            assertTrue(counts.groupCount() <= counts.requestCount(), "seed=" + seed + " " + counts);
            assertEquals(0, counts.failedGroupCount(), "seed=" + seed);
            assertEquals(0, committer.pendingCount(), "seed=" + seed);
            final StoreCounters.Snapshot storeWork = store.counters().snapshot().minus(storeBefore);
            assertEquals(counts.groupCount(), storeWork.commitCount(), "seed=" + seed + ": one store commit per group");
            if (Registry.store(storeName).persistent()) {
                assertTrue(storeWork.syncCount() >= counts.groupCount(),
                    "seed=" + seed + ": every group commit was durable: " + storeWork + " " + counts);
            }
        }
    }

    // ---- helpers

    private KvStore open(final String storeName) {
        final StoreFactory factory = Registry.store(storeName);
        final Path directory = tempDir.resolve(storeName + "-" + cleanups.size());
        final KvStore store = factory.open(directory, StoreOptions.DEFAULTS);
        cleanups.add(() -> {
            store.close();
            factory.destroy(directory);
        });
        return store;
    }

    private Future<?> submit(final GroupCommitter committer, final WriteBatch batch) {
        return callers.submit(() -> committer.commit(batch));
    }

    /** Submits a commit and waits until it is queued, so requests queue in the order they are submitted. */
    private Future<?> submitQueued(final GroupCommitter committer, final WriteBatch batch) throws InterruptedException {
        final int pendingBefore = committer.pendingCount();
        final Future<?> future = submit(committer, batch);
        final long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (committer.pendingCount() == pendingBefore) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("request never queued: pendingCount=" + pendingBefore);
            }
            Thread.sleep(1);
        }
        return future;
    }

    private static void assertFailedWithClosedStore(final Future<?> future, final String who) throws Exception {
        final ExecutionException thrown = assertThrows(ExecutionException.class,
            () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS), who + " was told its write is durable");
        final StoreException failure = assertInstanceOf(StoreException.class, thrown.getCause(), who);
        assertTrue(failure.getMessage().startsWith("group commit failed: groupSequence="), failure.getMessage());
        assertInstanceOf(StoreClosedException.class, failure.getCause(), who + " must see the store's own error");
    }

    private static byte[] key(final int index) {
        return bytes(String.format("key-%06d", index));
    }

    private static byte[] threadKey(final int threadIndex, final int commitIndex, final int putIndex) {
        return bytes(String.format("t%02d-c%04d-p%d", threadIndex, commitIndex, putIndex));
    }

    private static byte[] value(final int index) {
        return bytes("value-" + index);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
