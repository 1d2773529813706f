package io.merklebench.backends.lmdb;

import io.merklebench.core.store.StoreException;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Turns LMDB's {@code MDB_NOSYNC} flag on and off on an open environment ({@code mdb_env_set_flags}), so one
 * environment can commit both ways: a durable commit is LMDB's normal commit (sync the data pages, then write the
 * meta page synchronously: two device flushes), a non-durable commit skips both.
 *
 * <p>Why a switch rather than {@code MDB_NOSYNC} plus {@code Env.sync()} after durable commits: with {@code MDB_NOSYNC}
 * LMDB may write the new meta page before the data pages reach the disk, so a power cut between the commit and the
 * later sync could leave a meta page pointing at unwritten pages. LMDB's own commit orders them.
 *
 * <p>lmdbjava 0.9.3 has no public call for {@code mdb_env_set_flags}; its native binding ({@code Library.LIB}) and the
 * environment pointer are package-private, so they are reached by reflection once at open. This works on the class
 * path (the unnamed module); if a later lmdbjava moves them, open fails with a message naming the lmdbjava version.
 * Not thread-safe: the caller switches under its commit lock.
 */
final class LmdbSyncSwitch {
    private final Object nativeLibrary;
    private final Method setFlags;
    private final Object environmentPointer;
    private boolean noSync;

    private LmdbSyncSwitch(final Object nativeLibrary, final Method setFlags, final Object environmentPointer) {
        this.nativeLibrary = nativeLibrary;
        this.setFlags = setFlags;
        this.environmentPointer = environmentPointer;
    }

    /** Binds to {@code env}, which must have been opened without {@code MDB_NOSYNC}. */
    static LmdbSyncSwitch bind(final Env<?> env) {
        try {
            final Class<?> library = Class.forName("org.lmdbjava.Library");
            final Field libraryField = library.getDeclaredField("LIB");
            libraryField.setAccessible(true);
            final Object nativeLibrary = libraryField.get(null);
            final Class<?> lmdb = Class.forName("org.lmdbjava.Library$Lmdb");
            final Method setFlags = lmdb.getMethod("mdb_env_set_flags", jnr.ffi.Pointer.class, int.class, int.class);
            setFlags.setAccessible(true);
            final Method pointer = Env.class.getDeclaredMethod("pointer");
            pointer.setAccessible(true);
            return new LmdbSyncSwitch(nativeLibrary, setFlags, pointer.invoke(env));
        } catch (final ReflectiveOperationException | RuntimeException e) {
            throw new StoreException("lmdb: cannot reach mdb_env_set_flags in lmdbjava "
                + Env.class.getPackage().getImplementationVersion() + " (needed to switch MDB_NOSYNC per commit)", e);
        }
    }

    /** Makes the next commits skip ({@code true}) or perform ({@code false}) LMDB's syncs. */
    void setNoSync(final boolean wanted) {
        if (wanted == noSync) {
            return;
        }
        final int resultCode;
        try {
            resultCode = (Integer)setFlags.invoke(nativeLibrary, environmentPointer, EnvFlags.MDB_NOSYNC.getMask(), wanted ? 1 : 0);
        } catch (final IllegalAccessException | InvocationTargetException e) {
            throw new StoreException("lmdb: mdb_env_set_flags(MDB_NOSYNC, " + wanted + ") failed", e);
        }
        if (resultCode != 0) {
            throw new StoreException("lmdb: mdb_env_set_flags(MDB_NOSYNC, " + wanted + ") returned error " + resultCode);
        }
        noSync = wanted;
    }
}
