package io.merklebench.simulate.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanFileTest {
    private static final String STORE = "{\"name\": \"bank\", \"keyLength\": {\"mean\": 8, \"stddev\": 1},"
        + " \"valueLength\": {\"mean\": 16, \"stddev\": 2}}";
    private static final String LOAD = "{\"versions\": 2, \"operations\": {\"bank\": {\"inserts\": 10}}}";

    private static String plan(final String stores, final String phases, final String rest) {
        return "{\"stores\": [" + stores + "], \"phases\": [" + phases + "]" + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    private static Plan parse(final String json) {
        return PlanFile.parse(json.getBytes(StandardCharsets.UTF_8), "test.json", "test");
    }

    static Stream<Arguments> badPlans() {
        return Stream.of(
            Arguments.of(plan(STORE, LOAD, "\"colour\": 1"), "unknown field 'colour' at $"),
            Arguments.of(plan(STORE, "{\"versions\": 2, \"operations\": {\"bank\": {\"inserts\": 1, \"upserts\": 2}}}", ""),
                "unknown field 'upserts' at $.phases[0].operations.bank"),
            Arguments.of(plan(STORE, "{\"versions\": 2, \"operations\": {\"bank\": {\"inserts\": -1}}}", ""),
                "$.phases[0].operations.bank.inserts: must be at least 0"),
            Arguments.of(plan("{\"name\": \"bank\", \"keyLength\": {\"mean\": 8, \"stddev\": -1},"
                + " \"valueLength\": {\"mean\": 1, \"stddev\": 0}}", LOAD, ""), "$.stores[0].keyLength.stddev"),
            Arguments.of(plan(STORE, LOAD + ", {\"versions\": 1, \"keyChoice\": {\"distribution\": \"zipfian\","
                + " \"exponent\": 0}, \"operations\": {\"bank\": {\"gets\": 1}}}", ""),
                "$.phases[1].keyChoice.exponent: the zipf exponent must be above 0"),
            Arguments.of(plan(STORE, LOAD + ", {\"versions\": 1, \"keyChoice\": {\"distribution\": \"zipfian\","
                + " \"exponent\": -2}, \"operations\": {\"bank\": {\"gets\": 1}}}", ""), "exponent must be above 0"),
            Arguments.of(plan(STORE, LOAD, "\"readers\": {\"threads\": 2}"), "$.readers.store: readers need a store"),
            Arguments.of(plan(STORE, LOAD, "\"readers\": {\"threads\": 1, \"store\": \"auth\"}"),
                "$.readers.store: no store named 'auth'"),
            Arguments.of(plan(STORE, "{\"versions\": 0, \"operations\": {\"bank\": {\"inserts\": 1}}}", ""),
                "$.phases[0].versions: a phase needs at least 1 version"),
            Arguments.of(plan(STORE, "{\"operations\": {\"bank\": {\"inserts\": 1}}}", ""),
                "$.phases[0].versions: a phase needs at least 1 version"),
            Arguments.of(plan(STORE + ", " + STORE, LOAD, ""), "$.stores[1].name: store name 'bank' is used twice"),
            Arguments.of(plan(STORE, "{\"versions\": 1, \"operations\": {\"auth\": {\"inserts\": 1}}}", ""),
                "$.phases[0].operations.auth: no store named 'auth'"),
            Arguments.of(plan(STORE, "{\"versions\": 1, \"operations\": {\"bank\": {\"updates\": 1}}}", ""),
                "$.phases[0].operations.bank: the store has 0 keys"),
            Arguments.of(plan(STORE, LOAD + ", {\"versions\": 5, \"operations\": {\"bank\": {\"deletes\": 5}}}", ""),
                "too few for 5 deletes"),
            Arguments.of(plan(STORE, LOAD, "\"pruning\": {\"keepRecent\": 3}"), "$.pruning: set both keepRecent"),
            Arguments.of(plan(STORE, LOAD, "\"durability\": {\"every\": -1}"), "$.durability.every: must be at least 0"),
            Arguments.of(plan(STORE, LOAD, "\"cache\": {\"nodes\": 10, \"evictPageCacheEvery\": -1}"),
                "$.cache.evictPageCacheEvery"),
            Arguments.of(plan(STORE, "", ""), "$.phases: a plan needs at least one phase"),
            Arguments.of(plan("", LOAD, ""), "$.stores: a plan needs at least one store"),
            Arguments.of(plan(STORE, LOAD, "\"seed\": \"x\""), "$.seed"),
            Arguments.of("{\"stores\": [", "Unexpected end-of-input"),
            Arguments.of(plan(STORE, LOAD, "") + " {}", "Trailing token"),
            Arguments.of("{\"stores\": [], \"stores\": []}", "not valid JSON: Duplicate field 'stores'"),
            Arguments.of(plan("{\"name\": \"bank\", \"keyLength\": {\"mean\": 1, \"stddev\": 0},"
                + " \"valueLength\": {\"mean\": 1, \"stddev\": 0}}",
                "{\"versions\": 2, \"operations\": {\"bank\": {\"inserts\": 100}}}", ""),
                "$.stores[0].keyLength: keys of about 1.0±0.0 bytes allow about 256 distinct keys, too few for the 200"));
    }

    @ParameterizedTest
    @MethodSource("badPlans")
    void shouldRefuseABadPlanNamingThePath(final String json, final String expectedMessagePart) {
        final PlanException error = assertThrows(PlanException.class, () -> parse(json));
        assertTrue(error.getMessage().startsWith("plan test.json: "), error.getMessage());
        assertTrue(error.getMessage().contains(expectedMessagePart),
            "expected '" + expectedMessagePart + "' in: " + error.getMessage());
    }

    @Test
    void shouldFillDefaults() {
        final Plan plan = parse(plan(STORE, LOAD, ""));
        assertEquals("test", plan.name());
        assertEquals(1, plan.seed());
        assertEquals(Plan.KeyChoice.UNIFORM, plan.phases().get(0).keyChoice().distribution());
        assertEquals(0, plan.readers().threads());
        assertEquals(1, plan.durability().every());
        assertEquals(10, plan.diskUsageEvery());
        assertEquals(20, plan.keysAfter(2));
    }

    @Test
    void shouldKeepASeedOfZero() {
        assertEquals(0L, parse(plan(STORE, LOAD, "\"seed\": 0")).seed());
    }

    @Test
    void shouldReadEveryBundledPlan() {
        for (final String name : PlanFile.BUNDLED) {
            final Plan plan = PlanFile.bundled(name);
            assertEquals(name, plan.name());
            assertTrue(plan.totalVersions() > 0 && !plan.description().isEmpty(), name);
        }
        assertEquals(1_000_000, PlanFile.bundled("bank-like").scaled(4).keysAfter(500), "bank-like --scale 4 ends at 1M keys");
    }

    @Test
    void shouldNameAMissingFileAndTheBundledPlans(@TempDir final Path directory) throws IOException {
        final PlanException missing = assertThrows(PlanException.class,
            () -> PlanFile.load(directory.resolve("nope.json").toString()));
        assertTrue(missing.getMessage().contains("plan file not found: " + directory.resolve("nope.json"))
            && missing.getMessage().contains("bank-like"), missing.getMessage());
        final Path file = directory.resolve("mine.json");
        Files.writeString(file, plan(STORE, LOAD, ""));
        assertEquals("mine", PlanFile.load(file.toString()).name());
    }
}
