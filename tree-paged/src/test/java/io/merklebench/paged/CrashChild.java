package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.WorkingTree;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The child process of {@link CrashRecoveryTest}: reopens the page file, then saves versions forever, appending
 * {@code saved <version> <root-hex>} to the acknowledgement file (args[3]) after each {@code save} returns. A file
 * rather than stdout: bytes written to a file are in the page cache when write(2) returns, so the parent reads every
 * acknowledgement after SIGKILL. With the acknowledgements on the stdout pipe instead, two of four 60-kill runs
 * recovered a version two past the last line the parent had read (one unread line; where it was lost was not pinned
 * down); with the file, the 60-kill runs since have all passed. The operations of version {@code v} depend only
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
        try (PagedTree tree = PagedTrees.open(directory, geometry, PagedTrees.Pages.PAGE_FILE, options());
             FileOutputStream acknowledgements = new FileOutputStream(args[3], true)) {
            acknowledge(acknowledgements, "opened " + tree.lastSavedVersion());
            System.out.println("opened " + tree.lastSavedVersion());
            System.out.flush();
            while (true) {
                applyVersion(tree, seed, tree.lastSavedVersion() + 1);
                final byte[] hash = tree.save();
                acknowledge(acknowledgements, "saved " + tree.lastSavedVersion() + " " + Bytes.toHex(hash));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write acknowledgements: " + args[3], e);
        }
    }

    /** One write(2) per line: a line in the file survives SIGKILL of this process. */
    private static void acknowledge(final FileOutputStream acknowledgements, final String line) throws IOException {
        acknowledgements.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
