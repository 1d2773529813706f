package io.merklebench.backends.group;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link GroupCommitCrashTest}: opens a store, and from many threads commits small batches through a
 * {@link GroupCommitter} forever, printing {@code ack <key>} for each batch only after its commit returned. The parent
 * kills it with SIGKILL at some point and checks that every acknowledged key survived.
 *
 * <p>Arguments: {@code <store> <directory> <threadCount>}.
 */
public final class GroupCommitCrashChild {
    static final String READY_LINE = "ready";
    static final String ACK_PREFIX = "ack ";

    private GroupCommitCrashChild() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final String storeName = args[0];
        final Path directory = Path.of(args[1]);
        final int threadCount = Integer.parseInt(args[2]);
        final PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        final KvStore store = Registry.store(storeName).open(directory, StoreOptions.DEFAULTS);
        final GroupCommitter committer = new GroupCommitter(store);
        synchronized (out) {
            out.println(READY_LINE);
            out.flush();
        }
        final Thread[] writers = new Thread[threadCount];
        for (int t = 0; t < threadCount; t++) {
            final int threadIndex = t;
            writers[t] = new Thread(() -> {
                for (long commitIndex = 0; ; commitIndex++) {
                    final String key = key(threadIndex, commitIndex);
                    committer.commit(new WriteBatch().put(bytes(key), bytes(value(key))));
                    synchronized (out) {
                        out.println(ACK_PREFIX + key);
                        out.flush();
                    }
                }
            }, "writer-" + t);
            writers[t].start();
        }
        for (final Thread writer : writers) {
            writer.join();
        }
    }

    static String key(final int threadIndex, final long commitIndex) {
        return String.format("t%03d-%09d", threadIndex, commitIndex);
    }

    static String value(final String key) {
        return "value-of-" + key;
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
