package io.merklebench.backends.mmap;

import io.merklebench.backends.support.DirectoryLock;
import io.merklebench.backends.support.OpenGuard;
import io.merklebench.backends.support.StoreLifecycle;
import io.merklebench.core.Bytes;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.WriteBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The record-log store behind {@code mmap}, {@code agrona} and {@code chronicle}, written from scratch: every commit
 * appends one checksummed record (see {@link LogLayout}) to a memory-mapped log file, mapped as the store's
 * {@link LogMapping} maps it; an in-memory sorted index maps each live key to where its latest value lies in the file.
 * The index is rebuilt by replaying the log on open ({@link LogRecovery}), which also cuts a torn tail.
 *
 * <p>Durability: a durable commit writes the record into the map, then msyncs the record's pages (through the
 * mapping) before returning; a non-durable commit leaves the pages to the OS. A record is valid only with a matching
 * CRC32C, so after a crash a batch is whole or absent.
 * <p>Counters: one sync per durable commit (a durable commit that grows the file adds an fsync for the new size, counted too). Bytes written are
 * the framed record length including the 20-byte header, per-operation headers and alignment padding.
 * <p>Space: append-only with no compaction, so the file grows with every write (overwritten and deleted values stay
 * in it); the index holds every live key in memory.
 * <p>Thread-safe: gets read the index and the map without locks (written bytes are never changed); commits are
 * serialized; the index is updated under a write lock and iteration holds the read lock, so neither sees half a
 * batch. Arrays passed in are not kept; arrays returned are fresh copies.
 */
final class RecordLogStore implements KvStore {
    static final String LOG_FILE_NAME = "mmap.log";

    private final LogSettings settings;
    private final StoreLifecycle lifecycle;
    private final OpenGuard guard;
    private final StoreCounters counters;
    private final MappedLogFile log;
    private final ConcurrentSkipListMap<byte[], ValueLocation> index;
    private final LogRecovery.Result recovery;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final StampedLock indexLock = new StampedLock();
    /** Guarded by {@link #commitLock}. */
    private long appendOffset;
    /** Guarded by {@link #commitLock}. */
    private long nextSequence;

    /** Where a live key's value lies in the log file. */
    private record ValueLocation(long fileOffset, int length) {
    }

    private RecordLogStore(final Path directory, final LogSettings settings, final DirectoryLock directoryLock,
                           final MappedLogFile log, final ConcurrentSkipListMap<byte[], ValueLocation> index,
                           final LogRecovery.Result recovery) {
        this.settings = settings;
        this.lifecycle = new StoreLifecycle(log.storeName(), directory, directoryLock);
        this.guard = lifecycle.guard();
        this.counters = lifecycle.counters();
        this.log = log;
        this.index = index;
        this.recovery = recovery;
        this.appendOffset = recovery.endOffset();
        this.nextSequence = recovery.lastSequence() + 1;
    }

    static RecordLogStore open(final Path directory, final LogMapping mapping, final LogSettings settings) {
        final DirectoryLock directoryLock = DirectoryLock.acquire(mapping.storeName(), directory);
        final Path file = directory.toAbsolutePath().resolve(LOG_FILE_NAME);
        MappedLogFile log = null;
        try {
            log = MappedLogFile.open(file, mapping, settings.initialFileBytes(), settings.maxFileBytes(),
                settings.segmentBytes());
            initializeOrCheckHeader(log, directory);
            final ConcurrentSkipListMap<byte[], ValueLocation> index = new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER);
            final LogRecovery.Result recovery = LogRecovery.recover(log, indexUpdater(index));
            if (recovery.cutTailBytes() > 0) {
                System.getLogger(RecordLogStore.class.getName()).log(System.Logger.Level.WARNING,
                    mapping.storeName() + ": cut a torn tail of " + recovery.cutTailBytes() + " bytes at fileOffset=" + recovery.endOffset()
                        + " after " + recovery.recordCount() + " intact records: " + file);
            }
            return new RecordLogStore(directory, settings, directoryLock, log, index, recovery);
        } catch (final RuntimeException e) {
            if (log != null) {
                log.close();
            }
            directoryLock.close();
            throw e;
        }
    }

    /**
     * Opens the existing log for reading only ({@link MappedLogFile#openReadOnly}): the index is rebuilt as on a
     * normal open, a torn tail is left in place rather than zeroed, and a shared {@link DirectoryLock} keeps writers
     * of this toolkit out meanwhile.
     */
    static RecordLogStore openReadOnly(final Path directory, final LogMapping mapping, final LogSettings settings) {
        final DirectoryLock directoryLock = DirectoryLock.acquireShared(mapping.storeName(), directory);
        final Path file = directory.toAbsolutePath().resolve(LOG_FILE_NAME);
        MappedLogFile log = null;
        try {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new StoreException(mapping.storeName() + " holds no " + LOG_FILE_NAME + " in " + directory.toAbsolutePath());
            }
            log = MappedLogFile.openReadOnly(file, mapping, settings.segmentBytes());
            if (log.lengthBytes() < LogLayout.FILE_HEADER_LENGTH + Long.BYTES) {
                throw new StoreException(mapping.storeName() + " log is shorter than its header (lengthBytes=" + log.lengthBytes()
                    + "): " + file);
            }
            checkHeader(log);
            final ConcurrentSkipListMap<byte[], ValueLocation> index = new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER);
            final LogRecovery.Result recovery = LogRecovery.recover(log, indexUpdater(index));
            return new RecordLogStore(directory, settings, directoryLock, log, index, recovery);
        } catch (final RuntimeException e) {
            if (log != null) {
                log.close();
            }
            directoryLock.close();
            throw e;
        }
    }

    /** Writes the file header of a new log (synced with the directory entry), or checks an existing one. */
    private static void initializeOrCheckHeader(final MappedLogFile log, final Path directory) {
        final long magic = log.readLong(LogLayout.MAGIC_OFFSET);
        if (magic == 0 && log.readLong(LogLayout.FILE_HEADER_LENGTH) == 0) {
            final byte[] header = new byte[LogLayout.FILE_HEADER_LENGTH];
            ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(LogLayout.MAGIC_OFFSET, LogLayout.MAGIC)
                .putInt(LogLayout.FORMAT_VERSION_OFFSET, LogLayout.FORMAT_VERSION);
            log.write(0, header, 0, header.length);
            log.force(0, header.length);
            log.forceFileAndMetadata();
            syncDirectory(log.storeName(), directory.toAbsolutePath());
            return;
        }
        checkHeader(log);
    }

    private static void checkHeader(final MappedLogFile log) {
        final long magic = log.readLong(LogLayout.MAGIC_OFFSET);
        if (magic != LogLayout.MAGIC) {
            throw new StoreException("not a merkle-bench " + log.storeName() + " log (bad magic 0x" + Long.toHexString(magic) + "): "
                + log.file().toAbsolutePath());
        }
        final int version = log.readInt(LogLayout.FORMAT_VERSION_OFFSET);
        if (version != LogLayout.FORMAT_VERSION) {
            throw new StoreException(log.storeName() + " log format version not supported: formatVersion=" + version + " expected="
                + LogLayout.FORMAT_VERSION + ": " + log.file().toAbsolutePath());
        }
    }

    private static byte[] endMark(final long sequence) {
        return ByteBuffer.allocate(LogLayout.END_MARK_LENGTH).order(ByteOrder.LITTLE_ENDIAN).putLong(0, sequence).array();
    }

    /** Makes a new file's directory entry durable, so a synced log is also findable after a power cut. */
    private static void syncDirectory(final String storeName, final Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (final IOException e) {
            throw new StoreException(storeName + " store directory could not be synced: " + directory, e);
        }
    }

    /** The torn or damaged tail this open left out (zeroed on a normal open, skipped on a read-only one). */
    @Override
    public String recoveryNote() {
        if (recovery.cutTailBytes() == 0) {
            return null;
        }
        return log.storeName() + ": the log ends in " + recovery.cutTailBytes() + " bytes at fileOffset=" + recovery.endOffset()
            + " of " + log.file().toAbsolutePath() + " that are not an intact record (after " + recovery.recordCount()
            + " intact records): a last commit torn by a crash, or damage to it; it is left out";
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
            final ValueLocation location = index.get(key);
            if (location == null) {
                return null;
            }
            final byte[] value = new byte[location.length()];
            log.read(location.fileOffset(), value, 0, value.length);
            return value;
        } finally {
            guard.exitShared();
        }
    }

    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        guard.enterShared();
        commitLock.lock();
        try {
            final byte[] record = RecordCodec.encode(batch, nextSequence);
            final long recordOffset = appendOffset;
            final long framedBytes = LogLayout.framedLength(record.length);
            final long lengthBefore = log.lengthBytes();
            log.ensureLength(recordOffset + framedBytes);
            if (log.lengthBytes() != lengthBefore && durable) {
                // The new size is file metadata: make it durable before relying on the grown range.
                log.forceFileAndMetadata();
                counters.recordSync();
            }
            log.write(recordOffset, record, 0, record.length);
            // After the record, never with it: a record cut short by a crash must not carry its end mark.
            log.write(recordOffset + LogLayout.aligned(record.length), endMark(nextSequence), 0, LogLayout.END_MARK_LENGTH);
            if (durable) {
                log.force(recordOffset, framedBytes);
                counters.recordSync();
            }
            final long writeStamp = indexLock.writeLock();
            try {
                RecordCodec.decode(record, recordOffset, indexUpdater(index));
            } finally {
                indexLock.unlockWrite(writeStamp);
            }
            appendOffset = recordOffset + framedBytes;
            nextSequence++;
            counters.recordCommit();
            counters.recordBytesWritten(framedBytes);
        } finally {
            commitLock.unlock();
            guard.exitShared();
        }
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.enterShared();
        final long readStamp = indexLock.readLock();
        try {
            for (final Map.Entry<byte[], ValueLocation> entry : range(fromInclusive, toExclusive).entrySet()) {
                final ValueLocation location = entry.getValue();
                final byte[] value = new byte[location.length()];
                log.read(location.fileOffset(), value, 0, value.length);
                if (!visitor.visit(entry.getKey().clone(), value)) {
                    return;
                }
            }
        } finally {
            indexLock.unlockRead(readStamp);
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
        lifecycle.closeOnce(log::close);
    }

    /** What recovery found at open: records replayed and torn-tail bytes cut. */
    LogRecovery.Result recovery() {
        return recovery;
    }

    /** Applies decoded operations to the index: the same code at recovery and at commit. */
    private static RecordCodec.OperationSink indexUpdater(final ConcurrentSkipListMap<byte[], ValueLocation> index) {
        return new RecordCodec.OperationSink() {
            @Override
            public void put(final byte[] key, final long valueFileOffset, final int valueLength) {
                index.put(key, new ValueLocation(valueFileOffset, valueLength));
            }

            @Override
            public void delete(final byte[] key) {
                index.remove(key);
            }
        };
    }

    private NavigableMap<byte[], ValueLocation> range(final byte[] fromInclusive, final byte[] toExclusive) {
        if (fromInclusive != null && toExclusive != null && Bytes.compare(fromInclusive, toExclusive) >= 0) {
            return new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER);
        }
        if (fromInclusive == null) {
            return toExclusive == null ? index : index.headMap(toExclusive, false);
        }
        return toExclusive == null ? index.tailMap(fromInclusive, true) : index.subMap(fromInclusive, true, toExclusive, false);
    }
}
