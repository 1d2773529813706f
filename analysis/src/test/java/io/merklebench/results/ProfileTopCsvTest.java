package io.merklebench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTopCsvTest {
    private static final String CASE = "query.hit engine=heap store=mem size=10000";
    private static final List<ProfileTopCsv.Row> ROWS = List.of(
        new ProfileTopCsv.Row(CASE, "cpu", "io/merklebench/heap/HeapNode.find", 61.25, 61.25),
        new ProfileTopCsv.Row(CASE, "cpu", "frame, with a comma", 30.0, 40.5),
        new ProfileTopCsv.Row(CASE, "alloc", "byte[]", 100.0, 100.0));

    @TempDir
    Path directory;

    @Test
    void shouldWriteTheGoldenFileByteForByteAndReadItBack() throws IOException, URISyntaxException {
        final Path golden = Path.of(ProfileTopCsvTest.class.getResource("/profile-fixtures/profile-top.csv").toURI());
        final Path written = directory.resolve(ProfileTopCsv.FILE_NAME);
        ProfileTopCsv.write(written, ROWS);
        assertEquals(Files.readString(golden), Files.readString(written));
        assertEquals(ROWS, ProfileTopCsv.read(golden));
    }

    @Test
    void shouldNameTheFileAndLineOfABadNumber() throws IOException {
        final Path file = directory.resolve(ProfileTopCsv.FILE_NAME);
        Files.writeString(file, "case,event,frame,selfPercent,totalPercent\n" + CASE + ",cpu,f,lots,1\n");
        final ResultsFormatException failure = assertThrows(ResultsFormatException.class,
            () -> ProfileTopCsv.read(file));
        assertTrue(failure.getMessage().contains(file.toAbsolutePath().toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("line 2"), failure.getMessage());
    }

    @Test
    void shouldNameACaseFolderAfterItsLabel() {
        assertEquals("query.hit_engine-heap_store-mem_size-10000", ProfileFolders.caseDirectoryName(CASE));
        assertEquals("block.tx_engine-array_store-mmap_blockSize-1000",
            ProfileFolders.caseDirectoryName("block.tx engine=array store=mmap blockSize=1000"));
    }

    @Test
    void shouldTellWhichResultRowACaseLabelDescribes() {
        final ProfileTopCsv.Row frame = new ProfileTopCsv.Row(
            "block.tx engine=array store=mem size=10000 keyLen=16 valueLen=40 blockSize=100 durable=false seed=1234",
            "cpu", "Frame", 1, 1);
        final Map<String, String> params = new LinkedHashMap<>(Map.of("engine", "array", "store", "mem",
            "size", "10000", "keyLen", "16", "valueLen", "40", "blockSize", "100", "durable", "false", "threads", "1"));
        assertTrue(frame.describes(new RowKey("block.tx", params)), "seed and threads=1 are not compared");
        assertFalse(frame.describes(new RowKey("block.block", params)), "another benchmark");
        params.put("store", "rocksdb");
        assertFalse(frame.describes(new RowKey("block.tx", params)), "another store");
    }
}
