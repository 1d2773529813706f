package io.merklebench.backends.group;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records every group a committer starts, and holds one chosen group just before its store commit until the test
 * opens the gate, so other callers can be queued behind it deterministically.
 */
final class GateListener implements GroupCommitListener {
    static final long WAIT_SECONDS = 30;

    private final long heldGroupSequence;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    /** {@code {groupSequence, batchCount, operationCount}} per group, in order. */
    final List<long[]> groups = new CopyOnWriteArrayList<>();

    GateListener(final long heldGroupSequence) {
        this.heldGroupSequence = heldGroupSequence;
    }

    @Override
    public void beforeCommit(final long groupSequence, final int batchCount, final int operationCount) {
        groups.add(new long[] {groupSequence, batchCount, operationCount});
        if (groupSequence == heldGroupSequence) {
            entered.countDown();
            try {
                if (!gate.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never opened the gate of group " + groupSequence);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while holding group " + groupSequence, e);
            }
        }
    }

    void awaitHeld() throws InterruptedException {
        if (!entered.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("group " + heldGroupSequence + " never started");
        }
    }

    void open() {
        gate.countDown();
    }

    List<Integer> batchCounts() {
        return groups.stream().map(group -> (int) group[1]).toList();
    }
}
