package io.merklebench.paged;

import io.merklebench.backends.mem.MemStoreFactory;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class KvPageStoreTest {
    @TempDir
    Path directory;

    @Test
    void shouldReadStagedPagesBeforeCommitAndPublishThemWithTheHeaderAtOnce() {
        final KvStore store = new MemStoreFactory().open(directory, StoreOptions.DEFAULTS);
        try {
            final KvPageStore pages = new KvPageStore(store, 4096);
            final byte[] page = new byte[4096];
            page[100] = 7;
            pages.writePage(5, page);
            assertEquals(7, pages.readPage(5, new Page()).buffer().get(100), "read your own staged write");
            assertNull(store.get(new byte[] {'p', 0, 0, 0, 5}), "nothing in the store before commit");
            assertNull(pages.readHeader());
            pages.commit(new byte[] {1, 2, 3}, true);
            assertEquals(7, store.get(new byte[] {'p', 0, 0, 0, 5})[100]);
            assertArrayEquals(new byte[] {1, 2, 3}, pages.readHeader());
            pages.freePage(5);
            pages.commit(new byte[] {4}, true);
            final StoreException missing = assertThrows(StoreException.class, () -> pages.readPage(5, new Page()));
            assertTrue(missing.getMessage().contains("pageIndex=5 store=mem directory="), missing.getMessage());
        } finally {
            store.close();
            new MemStoreFactory().destroy(directory);
        }
    }
}
