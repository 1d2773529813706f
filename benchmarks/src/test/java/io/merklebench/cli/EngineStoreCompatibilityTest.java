package io.merklebench.cli;

import io.merklebench.core.conformance.tree.TreeContractTest;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Heap and array refuse the {@code pagefile} store (it holds tree pages, not key-value entries) at open time, from
 * every entry point, with the registry's one message; {@code mbench stores --engine} lists what each engine accepts.
 */
class EngineStoreCompatibilityTest {
    private static final String KEY_VALUE_STORES = "agrona, chronicle, leveldb, lmdb, mem, mmap, rocksdb";

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "array"})
    void shouldRefusePagefileThroughTheRegistryBeforeOpeningTheStore(final String engine) {
        final Path storeDirectory = directory.resolve(engine);
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Registry.openTree(
            engine, "pagefile", storeDirectory, StoreOptions.DEFAULTS, TreeOptions.DEFAULTS));

        assertEquals(expectedRefusal(engine), error.getMessage());
        assertFalse(Files.exists(storeDirectory), "refused before the store made its directory");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "array"})
    void shouldRefusePagefileThroughTheTreeEngineApi(final String engine) {
        try (KvStore store = Registry.store("pagefile").open(directory.resolve(engine), StoreOptions.DEFAULTS)) {
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Registry.engine(engine).open(store, TreeOptions.DEFAULTS));

            assertEquals(expectedRefusal(engine), error.getMessage());
        }
    }

    @Test
    void shouldRefuseExactlyTheCombinationsTheRuleRefuses() {
        for (final String engine : Registry.engineNames()) {
            for (final String store : Registry.storeNames()) {
                final boolean refused = Registry.refusal(engine, store) != null;
                assertEquals(store.equals("pagefile") && !engine.startsWith("paged"), refused,
                    "engine=" + engine + " store=" + store);
                assertEquals(!refused, Registry.storeNamesFor(engine).contains(store), "engine=" + engine + " store=" + store);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "array"})
    void shouldRefusePagefileInReplayWithOneLine(final String engine) throws IOException {
        final Path storeDirectory = directory.resolve("replay-" + engine);
        final Run run = mbench("replay", vector(), "--engine", engine, "--store", "pagefile",
            "--dir", storeDirectory.toString());

        assertEquals(1, run.exitCode, run.err);
        assertEquals("replay: " + expectedRefusal(engine), run.err.strip());
        assertEquals("", run.out);
        assertFalse(Files.exists(storeDirectory), "refused before the store directory was made");
    }

    @Test
    void shouldReplayTheVectorOnThePagefileStoreWithAPagedEngine() throws IOException {
        final Run run = mbench("replay", vector(), "--engine", "paged31", "--store", "pagefile");

        assertEquals(0, run.exitCode, run.err);
        assertEquals(7, run.out.lines().count(), run.out);
    }

    @Test
    void shouldListTheStoresEachEngineAccepts() {
        assertEquals(List.of("agrona", "chronicle", "leveldb", "lmdb", "mem", "mmap", "rocksdb"),
            mbench("stores", "--engine", "heap").lines());
        assertEquals(List.of("agrona", "chronicle", "leveldb", "lmdb", "mem", "mmap", "pagefile", "rocksdb"),
            mbench("stores", "--engine", "paged15").lines());
        assertEquals(Registry.storeNames(), mbench("stores").lines());

        final Run unknown = mbench("stores", "--engine", "btree");
        assertEquals(1, unknown.exitCode);
        assertEquals("stores: unknown engine 'btree'; expected one of: array, flat, heap, mpt, paged15, paged31", unknown.err.strip());
    }

    private static String expectedRefusal(final String engine) {
        return "engine " + engine + " cannot use store pagefile: it holds tree pages, not key-value entries; use one of: "
            + KEY_VALUE_STORES;
    }

    /** The kit's bundled IAVL vector, copied out of the test jar. */
    private String vector() throws IOException {
        final Path file = directory.resolve("vector.cs");
        if (!Files.exists(file)) {
            try (InputStream in = getClass().getResourceAsStream(TreeContractTest.IAVL_VECTOR_RESOURCE)) {
                Files.copy(in, file);
            }
        }
        return file.toString();
    }

    private static Run mbench(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }
}
