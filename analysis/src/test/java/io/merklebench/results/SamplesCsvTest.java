package io.merklebench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SamplesCsvTest {
    @TempDir
    Path directory;

    @Test
    void shouldReadAFileWrittenBeforeTheFastIndexColumnAsIndexOff() throws IOException {
        final Path file = directory.resolve(SamplesCsv.FILE_NAME);
        Files.writeString(file, "benchmark,engine,store,size,keyLen,valueLen,blockSize,durable,method,writeSize,batch,"
            + "threads,mode,unit,fork,iteration,value\nquery.hit,heap,mem,10000,16,40,,,,,,1,avgt,ns/op,1,1,800\n");
        final SampleRow row = SamplesCsv.read(file).get(0);
        assertEquals(800, row.value());
        assertEquals(null, row.params().get("fastIndex"));
    }

    @Test
    void shouldReadBackExactlyWhatWasWritten() throws IOException {
        final Path file = directory.resolve(SamplesCsv.FILE_NAME);
        SamplesCsv.write(file, sampleRows());
        assertEquals(sampleRows(), SamplesCsv.read(file));
    }

    @Test
    void shouldGiveSameNumbersUnderCommaDecimalLocale() throws IOException {
        final Locale original = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            final Path file = directory.resolve(SamplesCsv.FILE_NAME);
            SamplesCsv.write(file, sampleRows());
            assertEquals(sampleRows(), SamplesCsv.read(file));
            assertEquals("query.hit,heap,mem,,10000,,,,,,,,,avgt,ns/op,1,2,801.25",
                Files.readAllLines(file).get(2));
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void shouldRejectIterationZeroNamingLine() throws IOException {
        final Path file = directory.resolve(SamplesCsv.FILE_NAME);
        SamplesCsv.write(file, sampleRows());
        Files.writeString(file, Files.readString(file).replace(",1,2,801.25", ",1,0,801.25"));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> SamplesCsv.read(file));
        assertEquals("samples.csv " + file.toAbsolutePath() + " line 3: iteration must be >= 1: iteration=0",
            error.getMessage());
    }

    @Test
    void shouldRejectFractionalForkNumber() throws IOException {
        final Path file = directory.resolve(SamplesCsv.FILE_NAME);
        SamplesCsv.write(file, sampleRows());
        Files.writeString(file, Files.readString(file).replace(",1,2,801.25", ",1.5,2,801.25"));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> SamplesCsv.read(file));
        assertEquals("samples.csv " + file.toAbsolutePath() + " line 3: column fork is not a whole number: fork=1.5",
            error.getMessage());
    }

    static List<SampleRow> sampleRows() {
        final List<SampleRow> rows = new ArrayList<>();
        final Map<String, String> params = Map.of("engine", "heap", "store", "mem", "size", "10000");
        final double[] values = {800, 801.25, 799.5, 805, 802, 798.75};
        for (int index = 0; index < values.length; index++) {
            rows.add(new SampleRow("query.hit", params, "avgt", "ns/op", 1 + index / 3, 1 + index % 3, values[index]));
        }
        return rows;
    }
}
