package io.merklebench.core.registry;

import io.merklebench.core.store.KvStore;
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
 * and its {@code META-INF/services} line is written. Thread-safe.
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

    /** @throws IllegalArgumentException {@code unknown store 'x'; expected one of: ...} */
    public static StoreFactory store(final String name) {
        return lookup("store", name, Stores.ALL);
    }

    /** Opens the store under {@code directory} and the engine's tree on it; the tree owns the store. */
    public static MerkleTree openTree(
        final String engineName, final String storeName, final Path directory,
        final StoreOptions storeOptions, final TreeOptions treeOptions) {
        final TreeEngine engine = engine(engineName);
        final KvStore store = store(storeName).open(directory, storeOptions);
        try {
            return engine.open(store, treeOptions);
        } catch (final RuntimeException | Error e) {
            store.close();
            throw e;
        }
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
