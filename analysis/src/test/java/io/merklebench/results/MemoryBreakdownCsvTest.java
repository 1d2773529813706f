package io.merklebench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBreakdownCsvTest {
    @TempDir
    Path directory;

    @Test
    void shouldWriteTheGoldenFileByteForByteAndReadItBack() throws IOException, URISyntaxException {
        final Path golden = Path.of(MemoryBreakdownCsvTest.class
            .getResource("/memory-fixtures/memory-breakdown.csv").toURI());
        final Map<HeapGroup, Double> bytes = new EnumMap<>(HeapGroup.class);
        bytes.put(HeapGroup.NODE_OBJECTS, 383_904.0);
        bytes.put(HeapGroup.KEY_BYTES, 59_816.0);
        bytes.put(HeapGroup.VALUE_BYTES, 112_000.0);
        bytes.put(HeapGroup.HASHES, 191_952.0);
        bytes.put(HeapGroup.CACHES, 285_824.0);
        bytes.put(HeapGroup.STORE, 786_744.0);
        bytes.put(HeapGroup.OTHER, 2_896.4);
        final List<MemoryBreakdownCsv.Row> rows = MemoryBreakdownCsv.caseRows("heap", "mem", 2000, bytes);
        final Path written = directory.resolve(MemoryBreakdownCsv.FILE_NAME);
        MemoryBreakdownCsv.write(written, rows);
        assertEquals(Files.readString(golden), Files.readString(written));
        assertEquals(rows, MemoryBreakdownCsv.read(golden));
    }

    @Test
    void shouldGiveEveryGroupARowAndSharesThatSumToOne() {
        final List<MemoryBreakdownCsv.Row> rows = MemoryBreakdownCsv.caseRows("array", "mem", 10_000,
            Map.of(HeapGroup.NODE_ARRAYS, 1.0, HeapGroup.HASHES, 1.0, HeapGroup.OTHER, 1.0));
        assertEquals(HeapGroup.values().length, rows.size());
        assertEquals(1.0, rows.stream().mapToDouble(MemoryBreakdownCsv.Row::share).sum(), 1e-3);
        assertEquals(0.0, MemoryBreakdownCsv.caseRows("flat", "mem", 1, Map.of()).stream()
            .mapToDouble(MemoryBreakdownCsv.Row::share).sum());
    }

    @Test
    void shouldNameTheFileLineAndGroupsOfAnUnknownGroup() throws IOException {
        final Path file = directory.resolve(MemoryBreakdownCsv.FILE_NAME);
        Files.writeString(file, "engine,store,size,group,bytes,share\nheap,mem,2000,nodes,1,1\n");
        final ResultsFormatException failure = assertThrows(ResultsFormatException.class,
            () -> MemoryBreakdownCsv.read(file));
        assertTrue(failure.getMessage().contains(file.toAbsolutePath().toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("line 2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("unknown heap group 'nodes'; expected one of: nodeObjects,"),
            failure.getMessage());
    }
}
