package io.merklebench.results;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every results format version ever written must stay readable: {@code golden/v<N>/} in test resources holds one
 * run folder per format version, read by this test. Add a folder when the format changes; never edit an old one.
 */
class GoldenFilesTest {
    @Test
    void shouldReadEveryGoldenFormatVersion() throws IOException, URISyntaxException {
        final Path golden = Path.of(GoldenFilesTest.class.getResource("/golden").toURI());
        final List<Path> versions;
        try (Stream<Path> entries = Files.list(golden)) {
            versions = entries.filter(path -> path.getFileName().toString().matches("v\\d+")).sorted().toList();
        }
        assertFalse(versions.isEmpty(), "no golden/v<N> folders under " + golden);
        for (final Path version : versions) {
            final RunFolder run = RunFolder.open(version);
            assertFalse(run.results().isEmpty(), "results in " + version);
            assertFalse(run.samples().isEmpty(), "samples in " + version);
            assertEquals(version.getFileName().toString(), "v" + run.hostProperties().get(HostProperties.FORMAT_VERSION));
        }
    }

    @Test
    void shouldReadVersionOneValuesExactly() throws IOException, URISyntaxException {
        final RunFolder run = RunFolder.open(Path.of(GoldenFilesTest.class.getResource("/golden/v1").toURI()));
        assertEquals("golden-host", run.hostLabel());
        assertEquals("-Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED",
            run.hostProperties().get(HostProperties.JVM_FLAGS));
        assertEquals(5, run.results().size());
        final ResultRow fsync = run.results().get(3);
        assertEquals(ResultRow.builder("fsync.write").params(Map.of("method", "fdatasync", "writeSize", "4096"))
            .mode("sample").unit("us/op").score(950.25).samples(1200).percentiles(910, 2100.5, 4800)
            .syncsPerOp(1).storeBytesPerOp(4096).build(), fsync);
        assertEquals(Map.of("engine", "heap", "store", "rocksdb", "size", "100000", "keyLen", "32", "valueLen", "100",
            "blockSize", "100", "durable", "true"), run.results().get(2).params());
        assertEquals(8, run.samples().size());
        assertEquals(824.5, run.samples().get(5).value());
        assertEquals(run.results().get(0).key(), run.samples().get(0).key());
    }

    @Test
    void shouldReadVersionOneRowsAsHavingNoForkColumns() throws IOException, URISyntaxException {
        final RunFolder run = RunFolder.open(Path.of(GoldenFilesTest.class.getResource("/golden/v1").toURI()));
        for (final ResultRow row : run.results()) {
            assertEquals(0, row.forks(), "format 1 did not record forks: " + row);
            assertTrue(Double.isNaN(row.forkCvPercent()), "format 1 did not record forkCvPercent: " + row);
        }
    }

    @Test
    void shouldReadVersionTwoValuesExactly() throws IOException, URISyntaxException {
        final RunFolder run = RunFolder.open(Path.of(GoldenFilesTest.class.getResource("/golden/v2").toURI()));
        final HostProperties host = run.hostProperties();
        assertEquals("-XX:+UseParallelGC -Xmx2g", host.get(HostProperties.JVM_ARGS));
        assertEquals("3", host.get(HostProperties.RUN_FORKS));
        assertEquals("shuffle", host.get(HostProperties.RUN_ORDER));
        assertEquals("42", host.get(HostProperties.RUN_SEED));
        assertEquals(5, run.results().size());
        assertEquals(ResultRow.builder("query.hit").params(Map.of("engine", "heap", "store", "mem", "size", "10000",
                "keyLen", "16", "valueLen", "40", "threads", "1")).mode("avgt").unit("ns/op").score(812.5).error(40.25)
            .samples(9).allocBytesPerOp(0).forks(3).forkCvPercent(0.49).build(), run.results().get(0));
        final ResultRow block = run.results().get(1);
        assertEquals(412.3, block.storeBytesPerOp());
        assertEquals(430.5, block.osWriteBytesPerOp());
        assertEquals(1024.25, block.deviceWriteBytesPerOp());
        assertEquals(0.0125, block.deviceFlushesPerOp());
        final ResultRow oneFork = run.results().get(4);
        assertTrue(Double.isNaN(oneFork.deviceWriteBytesPerOp()), "an empty cell: not exposed there: " + oneFork);
        assertEquals(1, oneFork.forks());
        assertTrue(Double.isNaN(oneFork.forkCvPercent()), "one fork has no spread: " + oneFork);
        assertEquals(12, run.samples().size());
        assertEquals(List.of(1, 1, 1, 2, 2, 2, 3, 3, 3),
            run.samples().subList(0, 9).stream().map(SampleRow::fork).toList(), "forks 1..3 of query.hit");
        assertEquals(825.5, run.samples().get(8).value());
    }
}
