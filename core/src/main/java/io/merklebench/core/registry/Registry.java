package io.merklebench.core.registry;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.ReadOnlyStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Engines and stores by name, as found on the class path through {@link ServiceLoader}. Every command, benchmark and
 * conformance test looks them up here, so a new engine or store appears everywhere once its jar is on the class path
 * and its {@code META-INF/services} line is written.
 *
 * <p>Which engine can use which store is decided here, by one rule ({@link #canUse}) over two facts the plug-ins
 * declare: a store says whether it {@linkplain StoreFactory#holdsTreePages() holds tree pages} rather than key-value
 * entries, an engine whether it {@linkplain TreeEngine#usesPageStores() uses page stores}. Every entry point asks:
 * {@link #openTree} and every engine's {@code open} refuse a combination at open time, {@code mbench run} skips
 * it, {@code mbench stores --engine} lists what an engine accepts. Thread-safe.
 */
public final class Registry {
    private Registry() {
    }

    /** Engine names, sorted. */
    public static List<String> engineNames() {
        return List.copyOf(Engines.ALL.keySet());
    }

    /** Store names, sorted. */
    public static List<String> storeNames() {
        return List.copyOf(Stores.ALL.keySet());
    }

    /** @throws IllegalArgumentException {@code unknown engine 'x'; expected one of: ...} */
    public static TreeEngine engine(final String name) {
        return lookup("engine", name, Engines.ALL);
    }

    /**
     * The hash scheme of the engine named {@code engineName}, or empty for no name or a name the registry does not
     * know (a test's own): what result rows carry in their {@code hashScheme} column.
     */
    public static String hashSchemeOf(final String engineName) {
        final TreeEngine engine = engineName == null ? null : Engines.ALL.get(engineName);
        return engine == null ? "" : engine.hashScheme();
    }

    /** @throws IllegalArgumentException {@code unknown store 'x'; expected one of: ...} */
    public static StoreFactory store(final String name) {
        return lookup("store", name, Stores.ALL);
    }

    /**
     * The rule: every engine can use a store of key-value entries; a store of tree pages only an engine that uses
     * page stores.
     */
    public static boolean canUse(final TreeEngine engine, final StoreFactory store) {
        return !store.holdsTreePages() || engine.usesPageStores();
    }

    /** The stores {@code engineName} can use ({@link #canUse}), sorted: what {@code mbench stores --engine} prints. */
    public static List<String> storeNamesFor(final String engineName) {
        return storeNamesFor(engine(engineName));
    }

    /** The stores of key-value entries, sorted: every engine can use them, and so can the store benchmarks. */
    public static List<String> keyValueStoreNames() {
        return Stores.ALL.values().stream().filter(store -> !store.holdsTreePages()).map(StoreFactory::name).toList();
    }

    /**
     * Why {@code engineName} cannot use {@code storeName}, or {@code null} when it can:
     * {@code engine heap cannot use store pagefile: it holds tree pages, not key-value entries; use one of: leveldb,
     * lmdb, mem, mmap, rocksdb}.
     *
     * @throws IllegalArgumentException for an unknown engine or store name
     */
    public static String refusal(final String engineName, final String storeName) {
        return refusal(engine(engineName), store(storeName));
    }

    /**
     * Why {@code storeName} cannot be used as a key-value store (by a store benchmark, or through its {@link KvStore}
     * methods), or {@code null} when it can: {@code store pagefile holds tree pages, not key-value entries; key-value
     * use needs one of: leveldb, lmdb, mem, mmap, rocksdb}.
     *
     * @throws IllegalArgumentException for an unknown store name
     */
    public static String keyValueRefusal(final String storeName) {
        if (!store(storeName).holdsTreePages()) {
            return null;
        }
        return "store " + storeName + " holds tree pages, not key-value entries; key-value use needs one of: "
            + String.join(", ", keyValueStoreNames());
    }

    /** @throws IllegalArgumentException with {@link #refusal}'s message when the engine cannot use the store */
    public static void requireUsable(final String engineName, final String storeName) {
        throwIfRefused(refusal(engineName, storeName));
    }

    /**
     * What an engine's {@code open} calls first: {@link #requireUsable(String, String)} for a store already open,
     * found by its {@link KvStore#kind()}. A kind the registry does not know (a test's own store) counts as a store
     * of key-value entries.
     */
    public static void requireUsable(final TreeEngine engine, final KvStore store) {
        final StoreFactory factory = Stores.ALL.get(store.kind());
        if (factory != null) {
            throwIfRefused(refusal(engine, factory));
        }
    }

    private static String refusal(final TreeEngine engine, final StoreFactory store) {
        if (canUse(engine, store)) {
            return null;
        }
        return "engine " + engine.name() + " cannot use store " + store.name() + ": it holds tree pages, not key-value"
            + " entries; use one of: " + String.join(", ", storeNamesFor(engine));
    }

    private static List<String> storeNamesFor(final TreeEngine engine) {
        return Stores.ALL.values().stream().filter(store -> canUse(engine, store)).map(StoreFactory::name).toList();
    }

    private static void throwIfRefused(final String refusal) {
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /**
     * Opens the store under {@code directory} and the engine's tree on it; the tree owns the store. A combination
     * the engine cannot use is refused before the store is opened, and so is a directory whose
     * {@linkplain StoreIdentity identity file} names another store or engine, or that holds files but no identity. A
     * new persistent store gets its identity before its library creates any file, and loses it again (with the
     * directory, when this open created it) if the store fails to open.
     *
     * @throws IllegalArgumentException for unknown names, with {@link #refusal}'s message, or naming what the
     *                                  directory holds and what was asked for
     */
    public static MerkleTree openTree(
        final String engineName, final String storeName, final Path directory,
        final StoreOptions storeOptions, final TreeOptions treeOptions) {
        final TreeEngine engine = engine(engineName);
        requireUsable(engineName, storeName);
        requireFastIndex(engine, treeOptions);
        final StoreFactory factory = store(storeName);
        final StoreIdentity.Claim claim = StoreIdentity.claim(directory, storeName, engineName, factory.persistent());
        final KvStore store;
        try {
            store = factory.open(directory, storeOptions);
        } catch (final RuntimeException | Error e) {
            StoreIdentity.release(directory, claim);
            throw e;
        }
        try {
            return engine.open(store, treeOptions);
        } catch (final RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens the tree in {@code directory} for reading only, as its {@linkplain StoreIdentity identity} says (which
     * store, which engine), with the store's {@linkplain StoreFactory#openReadOnly read-only open}: no file there
     * changes, and the engine's commits are refused ({@link ReadOnlyStore}). A page store (the paged engines' page
     * file) opens its file read-only itself. The tree owns the store.
     *
     * @throws IllegalArgumentException when the directory holds no identity, or names an engine or store this class
     *                                  path does not have
     * @throws io.merklebench.core.store.StoreException when the store cannot be opened read-only or is damaged
     */
    public static MerkleTree openTreeReadOnly(final Path directory, final StoreOptions storeOptions) {
        final StoreIdentity.Recorded identity = StoreIdentity.of(directory);
        final TreeEngine engine = engine(identity.engine());
        final StoreFactory factory = store(identity.store());
        requireUsable(identity.engine(), identity.store());
        final KvStore opened = factory.openReadOnly(directory, storeOptions);
        final KvStore store = factory.holdsTreePages() ? opened : new ReadOnlyStore(opened);
        try {
            // Read-only opens check every node they read, whatever the engine's default: they are for looking at damage.
            return engine.open(store, TreeOptions.DEFAULTS.withDurable(false).withCheckNodes(true));
        } catch (final RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * Throws {@link IllegalArgumentException} when {@code options} ask for a fast index the engine does not keep
     * ({@link TreeEngine#keepsFastIndex()}), naming the engines that do.
     */
    public static void requireFastIndex(final TreeEngine engine, final TreeOptions options) {
        if (options.fastIndex() && !engine.keepsFastIndex()) {
            throw new IllegalArgumentException("engine " + engine.name() + " keeps no fast index: fastIndex=true;"
                + " engines that do: " + String.join(", ", fastIndexEngines()));
        }
    }

    /** The engines whose trees accept {@code fastIndex=true}, by name. */
    public static List<String> fastIndexEngines() {
        return engineNames().stream().filter(name -> engine(name).keepsFastIndex()).toList();
    }

    private static <T> T lookup(final String what, final String name, final Map<String, T> byName) {
        final T found = byName.get(name);
        if (found == null) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "'; expected one of: "
                + String.join(", ", byName.keySet()));
        }
        return found;
    }

    private static <T> Map<String, T> load(final Class<T> type, final Function<T, String> nameOf) {
        final Map<String, T> byName = new TreeMap<>();
        for (final T provider : ServiceLoader.load(type, Registry.class.getClassLoader())) {
            final T previous = byName.put(nameOf.apply(provider), provider);
            if (previous != null) {
                throw new IllegalStateException("two " + type.getSimpleName() + "s named '" + nameOf.apply(provider)
                    + "': " + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return byName;
    }

    /** Holder idioms: each map is loaded once, on first use. */
    private static final class Engines {
        static final Map<String, TreeEngine> ALL = load(TreeEngine.class, TreeEngine::name);
    }

    private static final class Stores {
        static final Map<String, StoreFactory> ALL = load(StoreFactory.class, StoreFactory::name);
    }
}
