package io.merklebench.backends.rocksdb;

import io.merklebench.backends.support.DirectoryLock;
import io.merklebench.backends.support.OpenGuard;
import io.merklebench.backends.support.StoreLifecycle;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.DiskSpace;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.WriteBatch;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A {@link KvStore} on RocksDB (rocksdbjni), one database in the caller's directory, default column family.
 *
 * <p>Durability: a durable commit writes the batch with {@code WriteOptions.setSync(true)}, so RocksDB fsyncs its
 * write-ahead log before returning; a non-durable commit uses {@code setSync(false)} (the WAL is written to the OS
 * page cache only). The WAL stays on in both modes, so a crash never leaves half a batch.
 * <p>Counters: one sync per durable commit (the WAL sync this store asks for; RocksDB's background flush and
 * compaction syncs are not counted). Bytes written are the size of the serialized batch RocksDB appends to its WAL
 * ({@code WriteBatch.getDataSize()}: keys, values, per-operation tags and length varints, a 12-byte header), not
 * flush or compaction output.
 * <p>Space: no free-space check of its own before a commit. RocksDB writes its files with {@code write}, not through
 * mappings, and allocates its log ahead ({@code fallocate} of about 1.1 times the write buffer, size kept), so a full
 * disk is an error returned by the write (or, from a background flush, by the next write), never a fault; and since
 * that allocation counts as used space, a check here would refuse commits that fit in it. The error is reported as
 * a {@link io.merklebench.core.store.NoSpaceException}; the log keeps every acknowledged commit (a torn last record
 * is the one damage the open tolerates).
 * <p>Thread-safe: RocksDB handles concurrent readers and writers; an {@link OpenGuard} keeps {@link #close()} from
 * freeing the native handles while another thread is inside an operation. Arrays passed in are not kept; arrays
 * returned are fresh copies owned by the caller.
 */
final class RocksDbStore implements KvStore {
    private final RocksDbSettings settings;
    private final StoreLifecycle lifecycle;
    private final OpenGuard guard;
    private final StoreCounters counters;
    private final LRUCache blockCache;
    private final BloomFilter bloomFilter;
    private final Options options;
    private final WriteOptions durableWrite;
    private final WriteOptions bufferedWrite;
    private final RocksDB db;
    private final DiskSpace space;
    /** Where a read-only open writes RocksDB's info log, deleted at close; {@code null} for a normal open. */
    private final Path infoLogDirectory;

    private RocksDbStore(final Path directory, final RocksDbSettings settings, final DirectoryLock directoryLock,
                         final LRUCache blockCache, final BloomFilter bloomFilter, final Options options,
                         final RocksDB db, final Path infoLogDirectory) {
        this.settings = settings;
        this.lifecycle = new StoreLifecycle(RocksDbStoreFactory.NAME, directory, directoryLock);
        this.guard = lifecycle.guard();
        this.counters = lifecycle.counters();
        this.blockCache = blockCache;
        this.bloomFilter = bloomFilter;
        this.options = options;
        this.db = db;
        this.space = DiskSpace.of(directory);
        this.infoLogDirectory = infoLogDirectory;
        this.durableWrite = new WriteOptions().setSync(true);
        this.bufferedWrite = new WriteOptions().setSync(false);
    }

    static RocksDbStore open(final Path directory, final RocksDbSettings settings) {
        return open(directory, settings, false);
    }

    /**
     * Opens with {@code RocksDB.openReadOnly}: no lock file, no new MANIFEST or log, no flush or compaction; the
     * write-ahead log is replayed into memory only. The info log goes to a temporary directory (RocksDB would
     * otherwise rotate {@code LOG} in the store directory), deleted at close. A shared {@link DirectoryLock} keeps
     * writers of this toolkit out meanwhile.
     */
    static RocksDbStore openReadOnly(final Path directory, final RocksDbSettings settings) {
        return open(directory, settings, true);
    }

    private static RocksDbStore open(final Path directory, final RocksDbSettings settings, final boolean readOnly) {
        RocksDB.loadLibrary();
        final DirectoryLock directoryLock = readOnly
            ? DirectoryLock.acquireShared(RocksDbStoreFactory.NAME, directory)
            : DirectoryLock.acquire(RocksDbStoreFactory.NAME, directory);
        final LRUCache blockCache = new LRUCache(settings.blockCacheBytes());
        final BloomFilter bloomFilter = settings.bloomBitsPerKey() == 0 ? null : new BloomFilter(settings.bloomBitsPerKey(), false);
        final BlockBasedTableConfig tableConfig = new BlockBasedTableConfig().setBlockCache(blockCache);
        if (bloomFilter != null) {
            tableConfig.setFilterPolicy(bloomFilter);
        }
        final Options options = new Options()
            .setCreateIfMissing(!readOnly)
            // RocksDB's default recovery (point in time) stops replaying the write-ahead log at the first bad record
            // and opens without the commits after it: damage would silently lose saved versions. Tolerating only an
            // incomplete last record (a write cut short by a crash) makes damage anywhere else an error at open.
            .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
            .setParanoidChecks(true)
            .setCompressionType(settings.compressionType())
            .setWriteBufferSize(settings.writeBufferBytes())
            .setTableFormatConfig(tableConfig);
        Path infoLogDirectory = null;
        try {
            final RocksDB db;
            if (readOnly) {
                infoLogDirectory = Files.createTempDirectory("mbench-rocksdb-readonly-log-");
                options.setDbLogDir(infoLogDirectory.toString());
                db = RocksDB.openReadOnly(options, directory.toAbsolutePath().toString());
            } else {
                db = RocksDB.open(options, directory.toAbsolutePath().toString());
            }
            return new RocksDbStore(directory, settings, directoryLock, blockCache, bloomFilter, options, db,
                infoLogDirectory);
        } catch (final RocksDBException | IOException | RuntimeException e) {
            options.close();
            if (bloomFilter != null) {
                bloomFilter.close();
            }
            blockCache.close();
            directoryLock.close();
            final String damageInLog = damageNamedInLog(infoLogDirectory == null ? directory : infoLogDirectory,
                directory);
            deleteInfoLogDirectory(infoLogDirectory);
            if (e instanceof RocksDBException rocks && rocks.getStatus() != null
                && rocks.getStatus().getCode() == Status.Code.Corruption) {
                throw new StoreException("rocksdb found damage in " + directory.toAbsolutePath() + ": "
                    + rocks.getMessage() + damageInLog
                    + "; not opened, since recovering would drop what follows the damage", e);
            }
            if (e instanceof RocksDBException rocks && isNoSpace(rocks)) {
                // Recovery writes the logs it replays into a level-0 table (and a new MANIFEST and log).
                throw DiskSpace.of(directory).refused(DiskSpace.bytesOfFiles(directory, "\\d+\\.log"),
                    "opening rocksdb (its logs become a table)", e);
            }
            throw new StoreException("rocksdb could not open database in " + directory.toAbsolutePath()
                + (readOnly ? " read-only" : ""), e);
        }
    }

    private static void deleteInfoLogDirectory(final Path infoLogDirectory) {
        if (infoLogDirectory != null) {
            try {
                StoreFactory.deleteRecursively(infoLogDirectory);
            } catch (final UncheckedIOException ignored) {
                // a leftover temporary info log is harmless
            }
        }
    }

    /**
     * The first damage RocksDB's info log ({@code LOG}) names for the open that just failed, e.g.
     * {@code " (000004.log: dropping 14595 bytes; Corruption: checksum mismatch)"}: the exception's status says only
     * what is wrong, the log says in which file. Empty when the log names none.
     */
    private static String damageNamedInLog(final Path logDirectory, final Path directory) {
        final Path log = logDirectory.equals(directory) ? directory.resolve("LOG") : onlyInfoLog(logDirectory);
        if (log == null) {
            return "";
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("Corruption") && !line.contains("EVENT_LOG") && !line.contains("DB::Open()"))
                .map(line -> line.substring(line.indexOf("] ") + 2).trim())
                .map(line -> line.startsWith(directory.toAbsolutePath() + "/")
                    ? line.substring(directory.toAbsolutePath().toString().length() + 1) : line)
                .findFirst()
                .map(line -> " (" + line + ")")
                .orElse("");
        } catch (final IOException | UncheckedIOException | StringIndexOutOfBoundsException unreadable) {
            return "";
        }
    }

    /** The info log a read-only open wrote into its own directory (RocksDB names it after the store's path). */
    private static Path onlyInfoLog(final Path logDirectory) {
        try (Stream<Path> files = Files.list(logDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith("LOG")).findFirst().orElse(null);
        } catch (final IOException e) {
            return null;
        }
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
            return db.get(key);
        } catch (final RocksDBException e) {
            throw lifecycle.failure("get", e);
        } finally {
            guard.exitShared();
        }
    }

    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        guard.enterShared();
        try (org.rocksdb.WriteBatch nativeBatch = new org.rocksdb.WriteBatch()) {
            for (int i = 0; i < batch.size(); i++) {
                final byte[] value = batch.value(i);
                if (value == null) {
                    nativeBatch.delete(batch.key(i));
                } else {
                    nativeBatch.put(batch.key(i), value);
                }
            }
            final long walBytes = nativeBatch.getDataSize();
            db.write(durable ? durableWrite : bufferedWrite, nativeBatch);
            counters.recordCommit();
            counters.recordBytesWritten(walBytes);
            if (durable) {
                counters.recordSync();
            }
        } catch (final RocksDBException e) {
            if (isNoSpace(e)) {
                throw space.refused(2 * batch.payloadBytes(), "a rocksdb commit of " + batch.size() + " operations", e);
            }
            throw lifecycle.failure("commit of " + batch.size() + " operations", e);
        } finally {
            guard.exitShared();
        }
    }

    /** RocksDB's status for {@code ENOSPC} (an I/O error with sub-code {@code NoSpace}), or its text. */
    private static boolean isNoSpace(final RocksDBException e) {
        return e.getStatus() != null && e.getStatus().getSubCode() == Status.SubCode.NoSpace || DiskSpace.isNoSpace(e);
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.enterShared();
        try (Slice upperBound = toExclusive == null ? null : new Slice(toExclusive);
             ReadOptions readOptions = new ReadOptions()) {
            if (upperBound != null) {
                readOptions.setIterateUpperBound(upperBound);
            }
            try (RocksIterator iterator = db.newIterator(readOptions)) {
                if (fromInclusive == null) {
                    iterator.seekToFirst();
                } else {
                    iterator.seek(fromInclusive);
                }
                while (iterator.isValid()) {
                    if (!visitor.visit(iterator.key(), iterator.value())) {
                        return;
                    }
                    iterator.next();
                }
                iterator.status();
            }
        } catch (final RocksDBException e) {
            throw lifecycle.failure("iteration", e);
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
                db.closeE();
            } catch (final RocksDBException e) {
                throw lifecycle.failure("close", e);
            } finally {
                durableWrite.close();
                bufferedWrite.close();
                options.close();
                if (bloomFilter != null) {
                    bloomFilter.close();
                }
                blockCache.close();
                deleteInfoLogDirectory(infoLogDirectory);
            }
        });
    }
}
