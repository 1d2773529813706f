package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.WorkingTree;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link CrashRecoveryTest}: reopens the page file, then saves versions forever, printing
 * {@code saved <version> <root-hex>} after each {@code save} returns. The operations of version {@code v} depend only
 * on the seed and {@code v}, so the parent can rebuild the expected state of any version.
 */
public final class CrashChild {
    static final int OPERATIONS_PER_VERSION = 40;
    static final int KEY_SPACE = 3000;
    /** Old versions are deleted as the child runs, so page reuse is part of what a crash interrupts. */
    static final int KEEP_RECENT = 3;

    private CrashChild() {
    }

    public static void main(final String[] args) {
        final Path directory = Path.of(args[0]);
        final PageGeometry geometry = PageGeometry.valueOf(args[1]);
        final long seed = Long.parseLong(args[2]);
        try (PagedTree tree = PagedTrees.open(directory, geometry, PagedTrees.Pages.PAGE_FILE, options())) {
            System.out.println("opened " + tree.lastSavedVersion());
            System.out.flush();
            while (true) {
                applyVersion(tree, seed, tree.lastSavedVersion() + 1);
                final byte[] hash = tree.save();
                System.out.println("saved " + tree.lastSavedVersion() + " " + Bytes.toHex(hash));
                System.out.flush();
            }
        }
    }

    static TreeOptions options() {
        return TreeOptions.DEFAULTS.withKeepRecent(KEEP_RECENT);
    }

    /** The operations of {@code version}, applied to any tree (the child's, or the parent's reference). */
    static void applyVersion(final WorkingTree tree, final long seed, final long version) {
        final SplittableRandom random = new SplittableRandom(seed * 1_000_003L + version);
        for (int i = 0; i < OPERATIONS_PER_VERSION; i++) {
            final byte[] key = ("key" + random.nextInt(KEY_SPACE)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (random.nextInt(4) == 0) {
                tree.remove(key);
            } else {
                final byte[] value = new byte[random.nextInt(200)];
                random.nextBytes(value);
                tree.set(key, value);
            }
        }
    }
}
