package io.merklebench.backends.lmdb;

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
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link KvStore} on LMDB through lmdbjava: one environment in the caller's directory ({@code data.mdb},
 * {@code lock.mdb}), one unnamed database, keys in LMDB's default (memcmp, unsigned) order. Every value carries a
 * checksum of its key and value ({@link EntryChecksum}), checked on every read: LMDB has none of its own.
 *
 * <p>Durability: a durable commit is LMDB's normal transaction commit (data pages synced, then the meta page written
 * synchronously); a non-durable commit runs with {@code MDB_NOSYNC} switched on for that commit (see
 * {@link LmdbSyncSwitch}), so it issues no sync at all. LMDB's copy-on-write B+tree makes every commit all or nothing
 * after a process crash. After a power cut, per LMDB's documentation, commits made with {@code MDB_NOSYNC} since the
 * last durable commit may be lost, and the OS writing pages out of order can even damage the database; a durable
 * commit syncs everything before it.
 * <p>Counters: two syncs per durable commit (the data sync and the synchronous meta-page write). Bytes written are
 * the batch's keys and values ({@link WriteBatch#payloadBytes()}); LMDB's page writes are not visible here.
 * <p>Map size: starts at {@code mapSizeBytes}; a commit that finds the map full is retried after doubling it (up to
 * {@code maxMapSizeBytes}, else a {@link StoreException} says so). Growing needs no transaction in flight in this
 * process, so it runs under the exclusive side of the {@link OpenGuard}.
 * <p>Space: by default LMDB writes its pages with {@code pwrite}, so a full disk is an error the commit returns
 * ({@code EIO} after a short write, the transaction aborted, the meta page of the last commit untouched), reported
 * as a {@link io.merklebench.core.store.NoSpaceException} when the free space is below what the commit could need
 * ({@link #growthBoundBytes}). With {@code writeMap} the pages past the end of the data are written through the
 * mapping of a sparse file, where a full disk is a {@code SIGBUS}: then every commit first checks that bound.
 * Not checked by default, because the bound is loose (it may be the whole file) and would refuse commits that fit.
 * <p>Thread-safe: the environment is opened with {@code MDB_NOTLS}, so read transactions are not tied to threads and
 * {@code get}/{@code iterate} run from any number of threads (each uses a short read transaction); commits are
 * serialized by a lock (LMDB has one writer). Arrays passed in are copied to native memory; arrays returned are
 * fresh copies.
 */
final class LmdbStore implements KvStore {
    /** LMDB's default commit flushes twice: data pages, then the meta page. */
    private static final int SYNCS_PER_DURABLE_COMMIT = 2;
    /**
     * More than the depth of any LMDB tree plus one: with the longest key (511 bytes) a branch page still holds 7
     * children, and 7^15 entries are far beyond any map. Used for the cheap bound that spares most commits
     * {@code mdb_env_stat}.
     */
    private static final int MAX_PAGES_PER_OPERATION = 16;
    /** The meta page and a page of the free list a commit may add. */
    private static final int EXTRA_PAGES_PER_COMMIT = 2;

    private final LmdbSettings settings;
    private final StoreLifecycle lifecycle;
    private final OpenGuard guard;
    private final StoreCounters counters;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Env<byte[]> env;
    private final Dbi<byte[]> dbi;
    /** {@code null} for a read-only store, which never commits. */
    private final LmdbSyncSwitch syncSwitch;
    private final int maxKeyBytes;
    private final long pageBytes;
    private final DiskSpace space;
    /** Guarded by {@link #commitLock}. */
    private long mapSizeBytes;

    private LmdbStore(final Path directory, final LmdbSettings settings, final DirectoryLock directoryLock,
                      final Env<byte[]> env, final Dbi<byte[]> dbi, final LmdbSyncSwitch syncSwitch) {
        this.settings = settings;
        this.lifecycle = new StoreLifecycle(LmdbStoreFactory.NAME, directory, directoryLock);
        this.guard = lifecycle.guard();
        this.counters = lifecycle.counters();
        this.env = env;
        this.dbi = dbi;
        this.syncSwitch = syncSwitch;
        this.maxKeyBytes = env.getMaxKeySize();
        this.pageBytes = env.stat().pageSize;
        this.space = DiskSpace.of(directory);
        this.mapSizeBytes = env.info().mapSize;
    }

    static LmdbStore open(final Path directory, final LmdbSettings settings) {
        final DirectoryLock directoryLock = DirectoryLock.acquire(LmdbStoreFactory.NAME, directory);
        final List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS));
        if (settings.writeMap()) {
            flags.add(EnvFlags.MDB_WRITEMAP);
        }
        if (settings.noReadAhead()) {
            flags.add(EnvFlags.MDB_NORDAHEAD);
        }
        Env<byte[]> env = null;
        try {
            env = Env.create(ByteArrayProxy.PROXY_BA)
                .setMapSize(settings.mapSizeBytes())
                .setMaxDbs(1)
                .open(directory.toAbsolutePath().toFile(), flags.toArray(new EnvFlags[0]));
            final Dbi<byte[]> dbi = env.openDbi((byte[])null, DbiFlags.MDB_CREATE);
            return new LmdbStore(directory, settings, directoryLock, env, dbi, LmdbSyncSwitch.bind(env));
        } catch (final LmdbException | StoreException | LinkageError e) {
            if (env != null) {
                env.close();
            }
            directoryLock.close();
            throw new StoreException("lmdb could not open environment in " + directory.toAbsolutePath(), e);
        }
    }

    /**
     * Opens with {@code MDB_RDONLY} (the data file opened read-only, no write transaction possible) and
     * {@code MDB_NOLOCK}: LMDB would otherwise open {@code lock.mdb} read-write and record its reader there. Without
     * LMDB's lock a writer must be kept out otherwise: the shared {@link DirectoryLock} does that for this toolkit.
     */
    static LmdbStore openReadOnly(final Path directory, final LmdbSettings settings) {
        final DirectoryLock directoryLock = DirectoryLock.acquireShared(LmdbStoreFactory.NAME, directory);
        if (!java.nio.file.Files.isRegularFile(directory.resolve("data.mdb"))) {
            directoryLock.close();
            throw new StoreException("lmdb holds no data.mdb in " + directory.toAbsolutePath());
        }
        Env<byte[]> env = null;
        try {
            env = Env.create(ByteArrayProxy.PROXY_BA)
                .setMapSize(settings.mapSizeBytes())
                .setMaxDbs(1)
                .open(directory.toAbsolutePath().toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_RDONLY_ENV,
                    EnvFlags.MDB_NOLOCK);
            final Dbi<byte[]> dbi = env.openDbi((byte[])null);
            return new LmdbStore(directory, settings, directoryLock, env, dbi, null);
        } catch (final LmdbException | LinkageError e) {
            if (env != null) {
                env.close();
            }
            directoryLock.close();
            throw new StoreException("lmdb could not open environment read-only in " + directory.toAbsolutePath(), e);
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
        checkKeyLength(key);
        guard.enterShared();
        try (Txn<byte[]> txn = env.txnRead()) {
            final byte[] stored = dbi.get(txn, key);
            return stored == null ? null : EntryChecksum.open(key, stored, lifecycle.directory());
        } catch (final LmdbException e) {
            throw lifecycle.failure("get", e);
        } finally {
            guard.exitShared();
        }
    }

    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        for (int i = 0; i < batch.size(); i++) {
            checkKeyLength(batch.key(i));
        }
        commitLock.lock();
        try {
            if (settings.writeMap()) {
                requireSpace(batch);
            }
            while (!tryCommit(batch, durable)) {
                growMap(batch);
            }
        } finally {
            commitLock.unlock();
        }
        counters.recordCommit();
        counters.recordBytesWritten(batch.payloadBytes());
        if (durable) {
            for (int i = 0; i < SYNCS_PER_DURABLE_COMMIT; i++) {
                counters.recordSync();
            }
        }
    }

    /** One write transaction; {@code false} when the map was full (the transaction is then aborted). */
    private boolean tryCommit(final WriteBatch batch, final boolean durable) {
        guard.enterShared();
        try {
            syncSwitch.setNoSync(!durable);
            try (Txn<byte[]> txn = env.txnWrite()) {
                for (int i = 0; i < batch.size(); i++) {
                    final byte[] value = batch.value(i);
                    if (value == null) {
                        dbi.delete(txn, batch.key(i));
                    } else {
                        dbi.put(txn, batch.key(i), EntryChecksum.seal(batch.key(i), value));
                    }
                }
                txn.commit();
            }
            return true;
        } catch (final Env.MapFullException e) {
            return false;
        } catch (final LmdbException e) {
            final long bound = growthBoundBytes(batch, true);
            // LMDB words a full disk as EIO (its page flush got a short write): the free space tells them apart.
            if (DiskSpace.isNoSpace(e) || space.usableBytes() < bound) {
                throw space.refused(bound, "an lmdb commit of " + batch.size() + " operations, which may need up to "
                    + bound + " bytes of new pages,", e);
            }
            throw lifecycle.failure("commit of " + batch.size() + " operations", e);
        } finally {
            guard.exitShared();
        }
    }

    /** Refuses a commit the disk may not hold, before LMDB stores a page of it into the mapping. */
    private void requireSpace(final WriteBatch batch) {
        if (space.usableBytes() >= growthBoundBytes(batch, false)) {
            return;
        }
        space.require(growthBoundBytes(batch, true), "an lmdb commit of " + batch.size() + " operations ("
            + batch.payloadBytes() + " payload bytes)");
    }

    /**
     * The most the data file can grow by in one commit: copy-on-write writes every page an operation touches anew
     * (the leaf and the branch pages above it, at most the tree's depth plus one), but never more pages than the
     * file holds plus those the new bytes fill; twice the payload covers the leaf and overflow pages the new entries
     * need. {@code precise} reads the depth and the last page number ({@code mdb_env_stat}, {@code mdb_env_info});
     * otherwise {@link #MAX_PAGES_PER_OPERATION} stands in for the depth.
     */
    private long growthBoundBytes(final WriteBatch batch, final boolean precise) {
        final long touchedPages;
        if (precise) {
            final long pagesPerOperation = env.stat().depth + 1L;
            final long filePages = env.info().lastPageNumber + 1;
            touchedPages = Math.min(batch.size() * pagesPerOperation, filePages);
        } else {
            touchedPages = (long)batch.size() * MAX_PAGES_PER_OPERATION;
        }
        return 2 * batch.payloadBytes() + (touchedPages + EXTRA_PAGES_PER_COMMIT) * pageBytes;
    }

    private void growMap(final WriteBatch batch) {
        if (mapSizeBytes >= settings.maxMapSizeBytes()) {
            throw new StoreException("lmdb map is full and may not grow: mapSizeBytes=" + mapSizeBytes
                + " maxMapSizeBytes=" + settings.maxMapSizeBytes() + " batchPayloadBytes=" + batch.payloadBytes()
                + "; raise store option maxMapSizeBytes (directory " + lifecycle.directory().toAbsolutePath() + ")");
        }
        final long grownBytes = Math.min(settings.maxMapSizeBytes(), mapSizeBytes * 2);
        guard.enterExclusive();
        try {
            env.setMapSize(grownBytes);
            mapSizeBytes = grownBytes;
        } catch (final LmdbException e) {
            throw new StoreException("lmdb could not grow the map to mapSizeBytes=" + grownBytes + " in "
                + lifecycle.directory().toAbsolutePath(), e);
        } finally {
            guard.exitExclusive();
        }
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.enterShared();
        try (Txn<byte[]> txn = env.txnRead(); Cursor<byte[]> cursor = dbi.openCursor(txn)) {
            boolean positioned = fromInclusive == null ? cursor.first() : cursor.get(fromInclusive, GetOp.MDB_SET_RANGE);
            while (positioned) {
                final byte[] key = cursor.key();
                if (toExclusive != null && Bytes.compare(key, toExclusive) >= 0) {
                    return;
                }
                if (!visitor.visit(key, EntryChecksum.open(key, cursor.val(), lifecycle.directory()))) {
                    return;
                }
                positioned = cursor.next();
            }
        } catch (final LmdbException e) {
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
        lifecycle.closeOnce(env::close);
    }

    private void checkKeyLength(final byte[] key) {
        if (key != null && key.length > maxKeyBytes) {
            throw new IllegalArgumentException("lmdb keys must be at most " + maxKeyBytes + " bytes: keyLength="
                + key.length);
        }
    }
}
