package io.merklebench.run;

import io.merklebench.results.ResultsFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunPlanFileTest {
    @TempDir
    Path temp;

    private static RunPlan plan() {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("engine", "array");
        params.put("store", "rocksdb");
        params.put("size", "10000");
        params.put("threads", "1");
        return new RunPlan("quick", List.of("array", "heap"), List.of("mem", "rocksdb"), "^block", 3,
            ForkOrder.SHUFFLE, 42L, List.of("-XX:+UseParallelGC", "-Xmx2g"), List.of(
                new PlannedCase("block", "io.merklebench.bench.block.BlockBench.tx", params, Timing.singleShot(2, 4)),
                new PlannedCase("query", "io.merklebench.bench.query.QueryBench.hit", Map.of("size", "10"),
                    Timing.timed(1, 100, 3, 150))));
    }

    private Path written() throws IOException {
        final Path file = temp.resolve(RunPlanFile.FILE_NAME);
        RunPlanFile.write(file, plan());
        return file;
    }

    private ResultsFormatException readError(final Path file) {
        return assertThrows(ResultsFormatException.class, () -> RunPlanFile.read(file));
    }

    @Test
    void shouldReadBackExactlyWhatWasWrittenWithParamsInOrder() throws IOException {
        final RunPlan read = RunPlanFile.read(written());

        assertEquals(plan(), read);
        assertEquals("block.tx engine=array store=rocksdb size=10000 threads=1", read.cases().get(0).label());
    }

    @Test
    void shouldWriteOnlyThePlansFieldsAsReadableJson() throws IOException {
        final String json = Files.readString(written());

        assertTrue(json.contains("\"order\" : \"shuffle\""), json);
        assertTrue(json.contains("\"jvmArgs\" : [ \"-XX:+UseParallelGC\", \"-Xmx2g\" ]"), json);
        assertTrue(json.contains("\"warmupMillis\" : 100"), json);
        assertTrue(!json.contains("label") && !json.contains("benchmark\"") && !json.contains("scheduleSeed"), json);
    }

    @Test
    void shouldNameAnUnknownFieldWithItsPathAndLine() throws IOException {
        final Path file = written();
        final List<String> lines = Files.readAllLines(file);
        int line = 0;
        while (!lines.get(line).contains("\"singleShot\" : true")) {
            line++;
        }
        Files.writeString(file, Files.readString(file).replace("\"singleShot\" : true", "\"singelShot\" : true"));

        assertEquals("plan.json " + file.toAbsolutePath() + " line " + (line + 1) + ": unknown field 'singelShot' in"
            + " cases[0].timing; expected one of: measurementIterations, measurementMillis, singleShot,"
            + " warmupIterations, warmupMillis", readError(file).getMessage());
    }

    @Test
    void shouldNameAnUnknownTopLevelFieldAndAMissingOne() throws IOException {
        final Path file = written();
        Files.writeString(file, Files.readString(file).replace("\"forks\" : 3,", "\"forks\" : 3, \"colour\" : 1,"));
        assertTrue(readError(file).getMessage().contains(": unknown field 'colour'; expected one of: cases, engines,"
            + " filter, forks, jvmArgs, order, profile, seed, stores"), readError(file).getMessage());

        Files.writeString(file, Files.readString(written()).replace("\"forks\" : 3,", ""));
        assertTrue(readError(file).getMessage().contains("Missing creator property 'forks'"),
            readError(file).getMessage());
    }

    @Test
    void shouldReportValuesThePlanRejects() throws IOException {
        final Path file = written();
        Files.writeString(file, Files.readString(file).replace("\"forks\" : 3,", "\"forks\" : 0,"));
        assertTrue(readError(file).getMessage().endsWith("forks must be from 1 to 100: forks=0"),
            readError(file).getMessage());

        Files.writeString(file, Files.readString(written()).replace("\"shuffle\"", "\"sideways\""));
        assertTrue(readError(file).getMessage().contains("unknown fork order 'sideways'; expected one of:"
            + " round-robin, shuffle"), readError(file).getMessage());

        Files.writeString(file, "{ \"profile\" : ");
        assertTrue(readError(file).getMessage().contains(": not valid JSON: "), readError(file).getMessage());
    }

    @Test
    void shouldSayWhenThereIsNoPlan() {
        final Path missing = temp.resolve("none").resolve(RunPlanFile.FILE_NAME);
        assertEquals("plan.json " + missing.toAbsolutePath() + ": file not found", readError(missing).getMessage());
    }
}
