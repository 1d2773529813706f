package io.merklebench.backends.support;

import io.merklebench.core.store.StoreClosedException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenGuardTest {
    private final OpenGuard guard = new OpenGuard("test", Path.of("/tmp/store"));

    @Test
    void shouldRunReleaseOnceAndThenRefuseOperations() {
        final int[] releases = {0};
        assertTrue(guard.closeOnce(() -> releases[0]++));
        assertFalse(guard.closeOnce(() -> releases[0]++));
        assertEquals(1, releases[0]);
        assertTrue(guard.isClosed());
        final StoreClosedException failure = assertThrows(StoreClosedException.class, guard::enterShared);
        assertEquals("test store is closed: directory=/tmp/store", failure.getMessage());
        assertThrows(StoreClosedException.class, guard::enterExclusive);
    }

    @Test
    void shouldWaitForOperationInFlightBeforeReleasing() throws Exception {
        final AtomicBoolean operationDone = new AtomicBoolean();
        final AtomicBoolean releasedBeforeOperationEnded = new AtomicBoolean();
        final CountDownLatch operationStarted = new CountDownLatch(1);
        guard.enterShared();
        final Thread closer = new Thread(() -> {
            try {
                operationStarted.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            guard.closeOnce(() -> releasedBeforeOperationEnded.set(!operationDone.get()));
        });
        closer.start();
        operationStarted.countDown();
        Thread.sleep(50);
        operationDone.set(true);
        guard.exitShared();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(closer.isAlive());
        assertTrue(guard.isClosed());
        assertFalse(releasedBeforeOperationEnded.get(), "close released the handle while an operation was inside");
    }
}
