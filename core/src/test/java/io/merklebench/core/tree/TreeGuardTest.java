package io.merklebench.core.tree;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeGuardTest {
    private static final Path DIRECTORY = Path.of("/data/run-1");

    @Test
    void shouldPassWhileOpenAndRefuseAfterCloseNamingEngineAndStore() {
        final TreeGuard guard = new TreeGuard("heap", "lmdb", DIRECTORY);
        assertDoesNotThrow(guard::ensureOpen);
        assertTrue(guard.close(), "the first close releases the tree's resources");
        assertFalse(guard.close(), "closing again releases nothing");
        final IllegalStateException error = assertThrows(IllegalStateException.class, guard::ensureOpen);
        assertEquals("heap tree is closed: store=lmdb directory=/data/run-1", error.getMessage());
        assertNull(error.getCause());
    }

    @Test
    void shouldRefuseAfterAFailedCommitWithItsCauseUntilClosed() {
        final TreeGuard guard = new TreeGuard("array", "rocksdb", DIRECTORY);
        final RuntimeException failure = new RuntimeException("disk full");
        guard.fail(failure);
        final IllegalStateException error = assertThrows(IllegalStateException.class, guard::ensureOpen);
        assertEquals("array tree is unusable after a failed store commit; reopen it", error.getMessage());
        assertSame(failure, error.getCause());
        assertTrue(guard.close(), "a failed tree still releases its resources at close");
        assertTrue(assertThrows(IllegalStateException.class, guard::ensureOpen).getMessage().contains("closed"));
        guard.fail(new RuntimeException("late"));
        assertNull(assertThrows(IllegalStateException.class, guard::ensureOpen).getCause(), "closed stays closed");
    }

    @Test
    void shouldRejectNullAndEmptyKeys() {
        assertEquals("key must not be null",
            assertThrows(IllegalArgumentException.class, () -> TreeGuard.requireKey(null)).getMessage());
        assertEquals("key must be at least one byte long: key.length=0",
            assertThrows(IllegalArgumentException.class, () -> TreeGuard.requireKey(new byte[0])).getMessage());
        final byte[] key = {0};
        assertSame(key, TreeGuard.requireKey(key));
    }
}
