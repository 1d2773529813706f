package io.merklebench.run;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The store lists of {@code mbench run}, built from the registry rather than written out: the stores a profile runs
 * when the user gives no {@code --stores}, and the lists profiles narrow a family to ({@link #persistent()},
 * {@link #withPageStores}). A list may name a store some engine cannot use ({@code pagefile} for heap and array):
 * the planner skips those combinations by the registry's rule ({@link MatrixPlanner#REGISTRY_RULE}). Stateless.
 */
public final class StoreSelection {
    /**
     * The persistent store {@code quick} adds to the in-memory one: the one it has always run, so quick runs of
     * different toolkit versions compare. When it is not registered, the first persistent key-value store is used.
     */
    static final String PREFERRED_PERSISTENT_STORE = "rocksdb";

    private StoreSelection() {
    }

    /** Every registered persistent store, sorted (key-value stores and stores of tree pages). */
    public static String[] persistent() {
        return registered(StoreFactory::persistent);
    }

    /**
     * The record log of {@code mmap} under the two other mapping libraries: the same store but for how the file is
     * touched, so the profiles compare them where that shows (store baselines, the fsync family's store commit) and
     * let {@code mmap} stand for all three in the tree families, which would otherwise take a third more time.
     */
    public static final List<String> MAPPING_VARIANTS = List.of("agrona", "chronicle");

    /** {@link #persistent()} without the {@link #MAPPING_VARIANTS}: where the profiles run whole trees. */
    public static String[] persistentForTrees() {
        return registered(store -> store.persistent() && !MAPPING_VARIANTS.contains(store.name()));
    }

    /** Every registered store but the {@link #MAPPING_VARIANTS}. */
    public static String[] allButMappingVariants() {
        return registered(store -> !MAPPING_VARIANTS.contains(store.name()));
    }

    /** The record log under each of its three mappings, those registered: {@code mmap} and the variants. */
    public static String[] recordLogMappings() {
        final List<String> names = new ArrayList<>(List.of("mmap"));
        names.addAll(MAPPING_VARIANTS);
        return names.stream().filter(Registry.storeNames()::contains).toArray(String[]::new);
    }

    /** {@code first}, then every registered store of tree pages ({@code pagefile}): for the engines that use one. */
    public static String[] withPageStores(final String... first) {
        final List<String> names = new ArrayList<>(List.of(first));
        names.addAll(List.of(registered(StoreFactory::holdsTreePages)));
        return names.toArray(String[]::new);
    }

    /** The defaults of {@code policy} among the registered stores. */
    public static List<String> defaults(final Profile.DefaultStores policy) {
        return defaults(policy, Registry.storeNames(), name -> Registry.store(name).persistent());
    }

    /**
     * @param registered      registered store names, sorted
     * @param persistentStore whether a store keeps its data on disk
     */
    public static List<String> defaults(final Profile.DefaultStores policy, final List<String> registered,
                                        final Predicate<String> persistentStore) {
        final List<String> inMemory = new ArrayList<>();
        for (final String store : registered) {
            if (!persistentStore.test(store)) {
                inMemory.add(store);
            }
        }
        switch (policy) {
            case IN_MEMORY:
                return List.copyOf(inMemory);
            case ALL:
                return List.copyOf(registered);
            case IN_MEMORY_AND_ONE_PERSISTENT:
            default:
                final List<String> chosen = new ArrayList<>(inMemory);
                firstPersistent(registered, persistentStore).ifPresent(chosen::add);
                return List.copyOf(chosen);
        }
    }

    /** The preferred store, else the first persistent one every engine can use (a key-value store). */
    private static Optional<String> firstPersistent(final List<String> registered,
                                                    final Predicate<String> persistentStore) {
        final Predicate<String> everyEngineUses = Registry.keyValueStoreNames()::contains;
        final Predicate<String> candidate = persistentStore.and(everyEngineUses);
        if (registered.contains(PREFERRED_PERSISTENT_STORE) && candidate.test(PREFERRED_PERSISTENT_STORE)) {
            return Optional.of(PREFERRED_PERSISTENT_STORE);
        }
        return registered.stream().filter(candidate).findFirst();
    }

    private static String[] registered(final Predicate<StoreFactory> kept) {
        return Registry.storeNames().stream().filter(name -> kept.test(Registry.store(name))).toArray(String[]::new);
    }
}
