package io.merklebench.results;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsCsvTest {
    private static final Locale ORIGINAL_LOCALE = Locale.getDefault();

    @TempDir
    Path directory;

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(ORIGINAL_LOCALE);
    }

    @Test
    void shouldReadBackExactlyWhatWasWritten() throws IOException {
        final List<ResultRow> rows = sampleRows();
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, rows);
        assertEquals(rows, ResultsCsv.read(file));
    }

    @Test
    void shouldWriteHeaderInDesignOrderAndEmptyCellsForAbsentValues() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, List.of(ResultRow.builder("query.hit").param("engine", "heap")
            .mode("avgt").unit("ns/op").score(812.5).samples(6).build()));
        final List<String> lines = Files.readAllLines(file);
        assertEquals("benchmark,engine,store,fastIndex,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,score,error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp,storeBytesPerOp,"
            + "osWriteBytesPerOp,deviceWriteBytesPerOp,deviceFlushesPerOp,forks,forkCvPercent,hashScheme", lines.get(0));
        assertEquals("query.hit,heap,,,,,,,,,,,,avgt,ns/op,812.5,,6,,,,,,,,,,,,", lines.get(1));
    }

    @Test
    void shouldWriteFastIndexOnlyWhenOnAndKeyFalseRowsAsRowsWithoutTheColumn() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        final ResultRow on = ResultRow.builder("query.hit").params(Map.of("engine", "heap", "fastIndex", "true"))
            .mode("avgt").unit("ns/op").score(90).samples(3).build();
        final ResultRow off = ResultRow.builder("query.hit").params(Map.of("engine", "heap", "fastIndex", "false"))
            .mode("avgt").unit("ns/op").score(900).samples(3).build();
        ResultsCsv.write(file, List.of(on, off));
        final List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(1).startsWith("query.hit,heap,,true,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("query.hit,heap,,,"), lines.get(2));
        final List<ResultRow> read = ResultsCsv.read(file);
        assertEquals(Map.of("engine", "heap", "fastIndex", "true"), read.get(0).params());
        assertEquals(Map.of("engine", "heap"), read.get(1).params(), "fastIndex=false is the row without the index");
        assertThrows(IllegalArgumentException.class, () -> new RowKey("query.hit", Map.of("fastIndex", "yes")));
    }

    @Test
    void shouldReadAFileWrittenBeforeTheFastIndexColumnAsIndexOff() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        Files.writeString(file, "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,score,error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp,storeBytesPerOp,forks,"
            + "forkCvPercent,hashScheme\nquery.hit,heap,mem,10000,16,40,,,,,,1,avgt,ns/op,812.5,,6,,,,0,,,3,,iavl-v1\n");
        final ResultRow row = ResultsCsv.read(file).get(0);
        assertFalse(row.params().containsKey("fastIndex"));
        assertEquals(new RowKey("query.hit", Map.of("engine", "heap", "store", "mem", "size", "10000", "keyLen", "16",
            "valueLen", "40", "threads", "1", "fastIndex", "false")), new RowKey(row.benchmark(), row.params()));
    }

    @Test
    void shouldGiveSameNumbersUnderCommaDecimalLocale() throws IOException {
        final List<ResultRow> rows = sampleRows();
        final Path rootFile = directory.resolve("root.csv");
        ResultsCsv.write(rootFile, rows);

        Locale.setDefault(Locale.GERMANY);
        final Path germanFile = directory.resolve("german.csv");
        ResultsCsv.write(germanFile, rows);
        final List<ResultRow> readUnderGerman = ResultsCsv.read(germanFile);

        assertEquals(rows, readUnderGerman);
        assertEquals(Files.readString(rootFile), Files.readString(germanFile), "bytes must not depend on locale");
        assertTrue(Files.readString(germanFile).contains("812.5"), "decimal separator must be '.'");
    }

    @Test
    void shouldRoundTripRandomNumbersExactly() throws IOException {
        for (final long seed : new long[] {1, 42, 20261123}) {
            final SplittableRandom random = new SplittableRandom(seed);
            final List<ResultRow> rows = Stream.generate(() -> ResultRow.builder("hash.dirtyLeaves")
                    .param("engine", "array").param("size", Integer.toString(random.nextInt(1, 10_000_000)))
                    .mode("thrpt").unit("ops/s")
                    .score(Math.scalb(random.nextDouble(), random.nextInt(-30, 40)))
                    .error(random.nextDouble() * 1e-9)
                    .samples(random.nextInt(1, 1000))
                    .storeBytesPerOp(random.nextDouble() * 1e20)
                    .build())
                .limit(200).toList();
            final Path file = directory.resolve("random-" + seed + ".csv");
            ResultsCsv.write(file, rows);
            assertEquals(rows, ResultsCsv.read(file), "seed=" + seed);
        }
    }

    @Test
    void shouldReportMissingColumnWithFileAndLine() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        Files.writeString(file, "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp,bytesWrittenPerOp\n");
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertEquals("results.csv " + file.toAbsolutePath() + " line 1: missing column score in header: "
            + "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,threads,mode,unit,"
            + "error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp,bytesWrittenPerOp", error.getMessage());
    }

    @Test
    void shouldReportTruncatedRowWithLineNumber() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        final String content = Files.readString(file);
        // Cut the file in the middle of the third data row, as a killed copy would.
        final int thirdRowStart = nthLineStart(content, 3);
        Files.writeString(file, content.substring(0, thirdRowStart + 20));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertEquals(4, error.lineNumber(), error.getMessage());
        assertTrue(error.getMessage().startsWith("results.csv " + file.toAbsolutePath() + " line 4: truncated row"),
            error.getMessage());
    }

    @Test
    void shouldReportNonNumberNamingColumnAndValue() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        final String content = Files.readString(file).replace("812.5", "812,5".replace(",", ";"));
        Files.writeString(file, content);
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertEquals("results.csv " + file.toAbsolutePath() + " line 2: column score is not a number: score=812;5",
            error.getMessage());
    }

    @Test
    void shouldExplainCommaDecimalInQuotedCell() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        Files.writeString(file, Files.readString(file).replace(",812.5,", ",\"812,5\","));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertTrue(error.getMessage().endsWith("line 2: column score is not a number (the decimal separator is '.'):"
            + " score=812,5"), error.getMessage());
    }

    @Test
    void shouldReportUnterminatedQuoteAsTruncated() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        Files.writeString(file, Files.readString(file) + "\"query.hit,heap");
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertTrue(error.getMessage().contains("truncated or malformed row"), error.getMessage());
        assertTrue(error.getMessage().startsWith("results.csv " + file.toAbsolutePath() + " line "), error.getMessage());
    }

    @Test
    void shouldReportEmptyFileAndMissingFile() throws IOException {
        final Path empty = directory.resolve("empty.csv");
        Files.writeString(empty, "");
        assertTrue(assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(empty)).getMessage()
            .contains("line 1: empty file: expected a header row benchmark,engine"));
        final Path missing = directory.resolve("missing.csv");
        assertEquals("results.csv " + missing.toAbsolutePath() + ": file not found",
            assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(missing)).getMessage());
    }

    @Test
    void shouldReportUnknownModeWithValidChoices() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        Files.writeString(file, Files.readString(file).replace(",avgt,", ",average,"));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertTrue(error.getMessage().endsWith("line 2: unknown mode 'average'; expected one of: thrpt, avgt, sample,"
            + " ss"), error.getMessage());
    }

    @Test
    void shouldReadFormatOneFilesWithoutTheForkColumnsAsNotRecorded() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        Files.writeString(file, "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,score,error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp,bytesWrittenPerOp\n"
            + "query.hit,heap,,,,,,,,,,,avgt,ns/op,812.5,,6,,,,,,\n");
        final ResultRow row = ResultsCsv.read(file).get(0);
        assertEquals(0, row.forks());
        assertTrue(Double.isNaN(row.forkCvPercent()), row.toString());
    }

    @Test
    void shouldReportAForkCountThatIsNoWholeNumber() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, List.of(sampleRows().get(1)));
        final String content = Files.readString(file);
        Files.writeString(file, content.replace(",3,4.18", ",three,4.18"));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));
        assertEquals("results.csv " + file.toAbsolutePath() + " line 2: column forks is not a whole number:"
            + " forks=three", error.getMessage());
    }

    @Test
    void shouldIgnoreExtraColumnsFromNewerWriters() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        final List<String> lines = Files.readAllLines(file);
        final StringBuilder widened = new StringBuilder(lines.get(0)).append(",futureColumn\n");
        for (final String line : lines.subList(1, lines.size())) {
            widened.append(line).append(",x\n");
        }
        Files.writeString(file, widened);
        assertEquals(sampleRows(), ResultsCsv.read(file));
    }

    @Test
    void shouldLeaveNoTemporaryFileBehind() throws IOException {
        ResultsCsv.write(directory.resolve(ResultsCsv.FILE_NAME), sampleRows());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(ResultsCsv.FILE_NAME), files.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void shouldKeepOldFileWhenWritingFails() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        ResultsCsv.write(file, sampleRows());
        final byte[] before = Files.readAllBytes(file);
        assertThrows(IOException.class, () -> AtomicFiles.write(file, "results.csv", writer -> {
            writer.write("benchmark,engine\nquery.hit,");
            throw new IOException("disk full (simulated)");
        }));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(1, files.count(), "temporary file must be removed");
        }
    }

    @Test
    void shouldReadFormatOneBytesWrittenAsStoreBytesAndAbsentKernelCountersAsNotMeasured() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        Files.writeString(file, "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,score,error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp,bytesWrittenPerOp\n"
            + "store.put,,rocksdb,10000,16,40,,true,,,1,1,sample,us/op,130.5,2.5,900,120,400,900,64,1,56\n");

        final ResultRow row = ResultsCsv.read(file).get(0);

        assertEquals(56, row.storeBytesPerOp());
        assertEquals(1, row.syncsPerOp());
        assertTrue(Double.isNaN(row.osWriteBytesPerOp()), "not measured in format 1: " + row);
        assertTrue(Double.isNaN(row.deviceWriteBytesPerOp()), "not measured in format 1: " + row);
        assertTrue(Double.isNaN(row.deviceFlushesPerOp()), "not measured in format 1: " + row);
    }

    @Test
    void shouldNameBothNamesOfStoreBytesWhenNeitherColumnIsThere() throws IOException {
        final Path file = directory.resolve(ResultsCsv.FILE_NAME);
        Files.writeString(file, "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,score,error,samples,p50,p99,p999,allocBytesPerOp,syncsPerOp\n"
            + "query.hit,heap,mem,,,,,,,,,,avgt,ns/op,812.5,,6,,,,,\n");

        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> ResultsCsv.read(file));

        assertEquals("results.csv " + file.toAbsolutePath() + " line 2: missing column storeBytesPerOp (or"
            + " bytesWrittenPerOp, its format 1 name)", error.getMessage());
    }

    @Test
    void shouldRejectDelimiterAndNewlineInLabels() {
        final IllegalArgumentException comma = assertThrows(IllegalArgumentException.class,
            () -> ResultRow.builder("query.hit").param("engine", "heap,array").mode("avgt").unit("ns/op").score(1)
                .build());
        assertEquals("engine must not contain the CSV delimiter ',': engine=heap,array", comma.getMessage());
        final IllegalArgumentException newline = assertThrows(IllegalArgumentException.class,
            () -> ResultRow.builder("query.hit").param("store", "rocks\ndb").mode("avgt").unit("ns/op").score(1)
                .build());
        assertEquals("store must not contain a line break or control character (found U+000A): store=rocks\\ndb",
            newline.getMessage());
    }

    static List<ResultRow> sampleRows() {
        return List.of(
            ResultRow.builder("query.hit").params(Map.of("engine", "heap", "store", "mem", "size", "10000"))
                .mode("avgt").unit("ns/op").score(812.5).error(40.25).samples(6).allocBytesPerOp(0).build(),
            ResultRow.builder("block.tx").params(Map.of("engine", "heap", "store", "rocksdb", "size", "100000",
                    "blockSize", "100", "durable", "true"))
                .mode("avgt").unit("us/op").score(15.75).error(1.5).samples(6).allocBytesPerOp(2048.5)
                .syncsPerOp(0.01).storeBytesPerOp(412.3).forks(3).forkCvPercent(4.18).build(),
            ResultRow.builder("fsync.write").params(Map.of("method", "fdatasync", "writeSize", "4096"))
                .mode("sample").unit("us/op").score(950.25).samples(1200).percentiles(910, 2100.5, 4800)
                .syncsPerOp(1).storeBytesPerOp(4096).osWriteBytesPerOp(4096).deviceWriteBytesPerOp(12288.5)
                .deviceFlushesPerOp(1.0625).forks(1).build(),
            ResultRow.builder("batch.groupCommit").params(Map.of("store", "rocksdb", "batch", "16", "threads", "4"))
                .mode("thrpt").unit("ops/s").score(42000).error(1500.5).samples(6).syncsPerOp(0.0625).build(),
            ResultRow.builder("hash.sha256Floor").mode("thrpt").unit("ops/us").score(1.25e-7).samples(3).build());
    }

    private static int nthLineStart(final String content, final int lineIndex) {
        int position = 0;
        for (int line = 0; line < lineIndex; line++) {
            position = content.indexOf('\n', position) + 1;
        }
        assertFalse(position <= 0);
        return position;
    }
}
