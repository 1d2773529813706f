package io.merklebench.backends.leveldb;

import io.merklebench.backends.support.DirectoryLock;
import io.merklebench.backends.support.OpenGuard;
import io.merklebench.backends.support.StoreLifecycle;
import io.merklebench.core.Bytes;
import io.merklebench.core.store.DiskSpace;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.WriteBatch;
import org.fusesource.leveldbjni.JniDBFactory;
import org.iq80.leveldb.DB;
import org.fusesource.leveldbjni.internal.NativeDB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link KvStore} on LevelDB through leveldbjni (the native LevelDB 1.x bundled in leveldbjni-all 1.8).
 *
 * <p>Durability: a durable commit writes the batch with {@code WriteOptions.sync(true)}, so LevelDB fsyncs its log
 * before returning; a non-durable commit does not sync. A batch is one log record, so it is all or nothing.
 * <p>Counters: one sync per durable commit. Bytes written are the size of the log record body LevelDB appends for
 * the batch (its 12-byte header, and per operation a tag byte, varint lengths, key and value), computed here with
 * LevelDB's encoding because leveldbjni does not expose it; table flushes and compactions are not counted.
 * <p>Space: every open and commit first checks the free space with a reserve for LevelDB's background writes
 * ({@link LevelDbSpaceReserve}): LevelDB 1.8 writes through memory mappings, so running out of space inside it would
 * kill the JVM with {@code SIGBUS}; refused here it is a {@link io.merklebench.core.store.NoSpaceException}.
 * <p>Thread-safe: LevelDB takes concurrent readers and writers; an {@link OpenGuard} keeps {@link #close()} from
 * freeing the native handle under a running operation. Arrays passed in are not kept; arrays returned are fresh.
 */
final class LevelDbStore implements KvStore {
    /** LevelDB's write batch header: an 8-byte sequence number and a 4-byte count. */
    private static final int BATCH_HEADER_BYTES = 12;

    private final LevelDbSettings settings;
    private final StoreLifecycle lifecycle;
    private final OpenGuard guard;
    private final StoreCounters counters;
    /**
     * Every read checks the CRC of each block it reads: LevelDB's default does not, and a flipped byte in a table
     * then answers a get with a wrong value. The cost is a CRC32C over each 4 KiB block read (hardware-assisted).
     */
    private final ReadOptions checkedRead = new ReadOptions().verifyChecksums(true);
    private final WriteOptions durableWrite = new WriteOptions().sync(true);
    private final WriteOptions bufferedWrite = new WriteOptions().sync(false);
    private final LevelDbSpaceReserve reserve;
    private final DB db;
    /** The torn tail the open dropped ({@link #recoveryNote()}), or {@code null}. */
    private final String tornTail;

    /** A database LevelDB opened, and the torn log tail it dropped on the way (or {@code null}). */
    private record Opened(DB db, String tornTail) {
    }

    private LevelDbStore(final Path directory, final LevelDbSettings settings, final DirectoryLock directoryLock,
                         final LevelDbSpaceReserve reserve, final Opened opened) {
        this.settings = settings;
        this.reserve = reserve;
        this.lifecycle = new StoreLifecycle(LevelDbStoreFactory.NAME, directory, directoryLock);
        this.guard = lifecycle.guard();
        this.counters = lifecycle.counters();
        this.db = opened.db();
        this.tornTail = opened.tornTail();
    }

    static LevelDbStore open(final Path directory, final LevelDbSettings settings) {
        LevelDbNativeLibrary.prepare();
        final DirectoryLock directoryLock = DirectoryLock.acquire(LevelDbStoreFactory.NAME, directory);
        final LevelDbSpaceReserve reserve = new LevelDbSpaceReserve(directory, settings.writeBufferBytes());
        try {
            reserve.beforeOpen();
            return new LevelDbStore(directory, settings, directoryLock, reserve, openChecked(directory, settings));
        } catch (final StoreException e) {
            directoryLock.close();
            throw e;
        } catch (final IOException | RuntimeException | LinkageError e) {
            directoryLock.close();
            if (DiskSpace.isNoSpace(e)) {
                throw reserve.space().refused(reserve.neededFor(0), "opening leveldb", e);
            }
            throw new StoreException("leveldb could not open database in " + directory.toAbsolutePath(), e);
        }
    }

    /**
     * Opens with paranoid checks: without them LevelDB skips damaged log records at open and carries on without
     * them. Its logs are read first ({@link LevelDbLog}): damage in one is refused with the file and offset; a torn
     * tail of the newest, which a process killed while writing leaves and LevelDB 1.8 would also refuse, is recovered
     * by one open without paranoid checks (which drops the torn record, never acknowledged, and turns the log into a
     * table) before the checked open.
     */
    private static Opened openChecked(final Path directory, final LevelDbSettings settings) throws IOException {
        final File file = directory.toAbsolutePath().toFile();
        final List<Path> logs = logsOldestFirst(directory);
        String tornTail = null;
        for (int i = 0; i < logs.size(); i++) {
            final LevelDbLog.Scan scan = LevelDbLog.scan(logs.get(i));
            final boolean newest = i == logs.size() - 1;
            if (scan.kind() == LevelDbLog.Scan.Kind.DAMAGED
                || scan.kind() == LevelDbLog.Scan.Kind.TORN_TAIL && !newest) {
                throw new StoreException("leveldb found damage in " + directory.toAbsolutePath() + ": "
                    + logs.get(i).getFileName() + " at offset " + scan.offset() + ": " + scan.reason() + " (Corruption"
                    + " in the write-ahead log); not opened, since recovering would drop the commits it holds");
            }
            if (scan.kind() == LevelDbLog.Scan.Kind.TORN_TAIL) {
                tornTail = "leveldb: the newest log " + logs.get(i).getFileName() + " ends in a record that is not"
                    + " intact at offset " + scan.offset() + " (" + scan.reason() + "): a last commit torn by a crash,"
                    + " or damage to it; it is left out";
            }
        }
        if (tornTail != null) {
            JniDBFactory.factory.open(file, options(settings, false)).close();
        }
        return new Opened(JniDBFactory.factory.open(file, options(settings, true)), tornTail);
    }

    private static List<Path> logsOldestFirst(final Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("\\d+\\.log"))
                .sorted(Comparator.comparingLong(file -> Long.parseLong(file.getFileName().toString()
                    .replace(".log", ""))))
                .toList();
        }
    }

    private static Options options(final LevelDbSettings settings, final boolean paranoid) {
        return new Options()
            .createIfMissing(true)
            .paranoidChecks(paranoid)
            .cacheSize(settings.cacheBytes())
            .compressionType(settings.compressionType())
            .writeBufferSize((int)settings.writeBufferBytes())
            .blockSize((int)settings.blockBytes());
    }

    @Override
    public String recoveryNote() {
        return tornTail;
    }

    @Override
    public String kind() {
        return lifecycle.kind();
    }

    @Override
    public Path directory() {
        return lifecycle.directory();
    }

    @Override
    public byte[] get(final byte[] key) {
        guard.enterShared();
        try {
            return db.get(key, checkedRead);
        } catch (final DBException e) {
            throw lifecycle.failure("get", e);
        } finally {
            guard.exitShared();
        }
    }

    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        guard.enterShared();
        try (org.iq80.leveldb.WriteBatch nativeBatch = db.createWriteBatch()) {
            long logBytes = BATCH_HEADER_BYTES;
            for (int i = 0; i < batch.size(); i++) {
                final byte[] key = batch.key(i);
                final byte[] value = batch.value(i);
                logBytes += 1 + varintLength(key.length) + key.length;
                if (value == null) {
                    nativeBatch.delete(key);
                } else {
                    nativeBatch.put(key, value);
                    logBytes += varintLength(value.length) + value.length;
                }
            }
            reserve.beforeCommit(logBytes, batch.size());
            try {
                db.write(nativeBatch, durable ? durableWrite : bufferedWrite);
            } catch (final DBException e) {
                if (DiskSpace.isNoSpace(e)) {
                    throw reserve.space().refused(reserve.neededFor(logBytes), "a leveldb commit of " + batch.size()
                        + " operations", e);
                }
                throw e;
            }
            counters.recordCommit();
            counters.recordBytesWritten(logBytes);
            if (durable) {
                counters.recordSync();
            }
        } catch (final DBException | IOException e) {
            throw lifecycle.failure("commit of " + batch.size() + " operations", e);
        } finally {
            guard.exitShared();
        }
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.enterShared();
        try (DBIterator iterator = db.iterator(checkedRead)) {
            if (fromInclusive == null) {
                iterator.seekToFirst();
            } else {
                iterator.seek(fromInclusive);
            }
            while (iterator.hasNext()) {
                final Map.Entry<byte[], byte[]> entry = iterator.next();
                if (toExclusive != null && Bytes.compare(entry.getKey(), toExclusive) >= 0) {
                    return;
                }
                if (!visitor.visit(entry.getKey(), entry.getValue())) {
                    return;
                }
            }
        } catch (final DBException | IOException e) {
            throw lifecycle.failure("iteration", e);
        } catch (final RuntimeException e) {
            // leveldbjni's iterator wraps a native error (a table block failing its checksum) in a bare
            // RuntimeException; anything else, such as the visitor's own exceptions, goes through unchanged.
            if (e.getCause() instanceof NativeDB.DBException) {
                throw lifecycle.failure("iteration", e.getCause());
            }
            throw e;
        } finally {
            guard.exitShared();
        }
    }

    @Override
    public StoreCounters counters() {
        return counters;
    }

    @Override
    public Map<String, String> settings() {
        return settings.asMap();
    }

    @Override
    public void close() {
        lifecycle.closeOnce(() -> {
            try {
                db.close();
            } catch (final IOException e) {
                throw lifecycle.failure("close", e);
            }
        });
    }

    private static int varintLength(final int value) {
        return value < (1 << 7) ? 1 : value < (1 << 14) ? 2 : value < (1 << 21) ? 3 : value < (1 << 28) ? 4 : 5;
    }
}
