package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.AvlInvariants;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Opening array trees on the {@code mem} store, and structural checks shared by the tests. */
final class TreeFixture {
    private TreeFixture() {
    }

    static ArrayTree open(final Path directory, final TreeOptions options) {
        return (ArrayTree)Registry.openTree(ArrayEngine.NAME, "mem", directory, StoreOptions.DEFAULTS, options);
    }

    static void destroy(final Path directory) {
        Registry.store("mem").destroy(directory);
    }

    static byte[] bytes(final String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Entries of a tree state in iteration order, as hex pairs (readable in assertion messages). */
    static List<String> entries(final TreeReader tree) {
        final List<String> entries = new ArrayList<>();
        tree.iterate(null, null, (key, value) -> entries.add(Bytes.toHex(key) + "=" + Bytes.toHex(value)));
        return entries;
    }

    static List<String> entries(final SortedMap<byte[], byte[]> model) {
        final List<String> entries = new ArrayList<>();
        for (final Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            entries.add(Bytes.toHex(entry.getKey()) + "=" + Bytes.toHex(entry.getValue()));
        }
        return entries;
    }

    /** Kit's structural checks (AVL shape, inner keys, recomputed hashes) plus contents equal to the model. */
    static void assertInvariants(final TreeReader tree, final SortedMap<byte[], byte[]> model, final String context) {
        AvlInvariants.check(tree, context);
        assertEquals(entries(model), entries(tree), context + ": contents");
        assertEquals(model.size(), tree.size(), context + ": size");
    }
}
