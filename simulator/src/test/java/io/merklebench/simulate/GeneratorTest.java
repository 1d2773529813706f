package io.merklebench.simulate;

import io.merklebench.simulate.plan.Plan;
import io.merklebench.simulate.plan.PlanFile;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorTest {
    @Test
    void shouldGenerateTheSameOperationsFromTheSameSeed() {
        final Plan plan = PlanFile.bundled("smoke");
        final OperationGenerator first = new OperationGenerator(plan);
        final OperationGenerator second = new OperationGenerator(plan);
        final VersionOperations a = new VersionOperations();
        final VersionOperations b = new VersionOperations();
        for (long version = 1; version <= plan.totalVersions(); version++) {
            first.next(a);
            second.next(b);
            assertEquals(a.count(), b.count());
            for (int i = 0; i < a.count(); i++) {
                assertEquals(a.kind(i), b.kind(i));
                assertArrayEquals(a.key(i), b.key(i), "version " + version + " operation " + i);
                assertArrayEquals(a.value(i), b.value(i));
            }
        }
        assertEquals(plan.keysAfter(plan.totalVersions()), first.keyCount());
    }

    @Test
    void shouldDrawLengthsFromThePlansDistributions() {
        final Plan plan = PlanFile.bundled("bank-like");
        final OperationGenerator generator = new OperationGenerator(plan);
        final VersionOperations operations = new VersionOperations();
        final double[] keySum = new double[2];
        final long[] count = new long[2];
        for (int version = 0; version < 5; version++) {
            generator.next(operations);
            for (int i = 0; i < operations.count(); i++) {
                keySum[operations.store(i)] += operations.key(i).length;
                count[operations.store(i)]++;
            }
        }
        assertEquals(33, keySum[0] / count[0], 0.5, "auth keys 33 ± 3");
        assertEquals(56, keySum[1] / count[1], 0.5, "bank keys 56 ± 3");
    }

    @Test
    void shouldPickHotKeysMoreOftenWithAZipfianChoice() {
        final SplittableRandom random = new SplittableRandom(3);
        final KeyChooser zipf = KeyChooser.of(new Plan.KeyChoice(Plan.KeyChoice.ZIPFIAN, 1.0), random, 10_000);
        final KeyChooser uniform = KeyChooser.of(Plan.KeyChoice.DEFAULT, random, 10_000);
        int zipfHot = 0;
        int uniformHot = 0;
        for (int i = 0; i < 100_000; i++) {
            zipfHot += zipf.pick(10_000) < 10 ? 1 : 0;
            uniformHot += uniform.pick(10_000) < 10 ? 1 : 0;
        }
        // Zipf(1.0) over 10k keys gives the 10 hottest about 30% of the picks; uniform gives them 0.1%.
        assertTrue(zipfHot > 25_000 && zipfHot < 35_000, "zipfian hot picks " + zipfHot);
        assertTrue(uniformHot < 300, "uniform hot picks " + uniformHot);
    }

    @Test
    void shouldKeepFingerprintsLikeAHashSet() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final KeyFingerprints fingerprints = new KeyFingerprints();
        final Set<Long> model = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            final long value = random.nextInt(5000) + 1;
            if (random.nextBoolean()) {
                assertEquals(model.add(value), fingerprints.add(value), "seed " + seed + " add " + value);
            } else {
                assertEquals(model.remove(value), fingerprints.remove(value), "seed " + seed + " remove " + value);
            }
            assertEquals(model.size(), fingerprints.size(), "seed " + seed);
        }
        for (long value = 1; value <= 5000; value++) {
            assertEquals(model.contains(value), fingerprints.contains(value), "seed " + seed + " contains " + value);
        }
    }

    @Test
    void shouldRefuseADuplicateKeyAndRemoveBySwappingTheLast() {
        final LiveKeys keys = new LiveKeys();
        final byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
        final byte[] b = "b".getBytes(StandardCharsets.US_ASCII);
        final byte[] c = "c".getBytes(StandardCharsets.US_ASCII);
        assertTrue(keys.add(a) && keys.add(b) && keys.add(c));
        assertTrue(!keys.add(Arrays.copyOf(b, 1)), "b is live");
        assertArrayEquals(a, keys.removeAt(0));
        assertArrayEquals(c, keys.get(0));
        assertEquals(2, keys.size());
        assertTrue(keys.add(a), "a is free again");
        assertEquals(ByteBuffer.wrap(a), ByteBuffer.wrap(keys.get(2)));
    }

    @Test
    void shouldNeverInsertALiveKeyWhenKeysAreShortEnoughToRepeat() {
        // 2-byte keys (65,536 possible) and 3-18 byte keys: duplicates are drawn often, and every insert must still
        // be of a key not live, through inserts and deletes, on both sides of LiveKeys.UNCHECKED_KEY_LENGTH.
        final String json = """
            {"seed": 5,
             "stores": [{"name": "tiny", "keyLength": {"mean": 2, "stddev": 0}, "valueLength": {"mean": 1, "stddev": 0}},
                        {"name": "mixed", "keyLength": {"mean": 10, "stddev": 4}, "valueLength": {"mean": 1, "stddev": 0}}],
             "phases": [{"name": "load", "versions": 1,
                         "operations": {"tiny": {"inserts": 1000}, "mixed": {"inserts": 1000}}},
                        {"name": "grow", "versions": 19,
                         "operations": {"tiny": {"inserts": 1000, "deletes": 200}, "mixed": {"inserts": 1000, "deletes": 200}}}]}
            """;
        final Plan plan = PlanFile.parse(json.getBytes(StandardCharsets.UTF_8), "test", "short-keys");
        final OperationGenerator generator = new OperationGenerator(plan);
        final VersionOperations operations = new VersionOperations();
        final List<Set<ByteBuffer>> live = List.of(new HashSet<>(), new HashSet<>());
        for (long version = 1; version <= plan.totalVersions(); version++) {
            generator.next(operations);
            for (int i = 0; i < operations.count(); i++) {
                final ByteBuffer key = ByteBuffer.wrap(operations.key(i));
                final Set<ByteBuffer> keys = live.get(operations.store(i));
                if (operations.kind(i) == VersionOperations.INSERT) {
                    assertTrue(keys.add(key), "version " + version + " inserts a live key " + key);
                } else {
                    assertTrue(keys.remove(key), "version " + version + " deletes a key not live " + key);
                }
            }
        }
        assertEquals(1_000 + 19 * 800, live.get(0).size());
        assertEquals(1_000 + 19 * 800, live.get(1).size());
    }

    @Test
    void shouldWarmUpOnTheFirstVersionsOfEveryPhase() {
        for (final String name : PlanFile.BUNDLED) {
            final Plan plan = PlanFile.bundled(name);
            final long generated = OperationGenerator.warmUp(plan);
            final long phases = plan.phases().size();
            assertTrue(generated > 0 && generated <= phases * (OperationGenerator.WARM_UP_OPERATIONS_PER_PHASE + 20_000),
                name + ": " + generated + " operations over " + phases + " phases");
        }
    }

    @Test
    void shouldStopWarmingUpWhenAShortenedPlanRunsOutOfKeys() {
        // 200k inserts, then 150k deletes: shortened to 100k inserts, the delete phase would need 100.5k keys.
        final String json = """
            {"seed": 9,
             "stores": [{"name": "s", "keyLength": {"mean": 20, "stddev": 0}, "valueLength": {"mean": 1, "stddev": 0}}],
             "phases": [{"name": "load", "versions": 200, "operations": {"s": {"inserts": 1000}}},
                        {"name": "drain", "versions": 100, "operations": {"s": {"deletes": 1500}}}]}
            """;
        final Plan plan = PlanFile.parse(json.getBytes(StandardCharsets.UTF_8), "test", "drain");
        final long generated = OperationGenerator.warmUp(plan);
        assertTrue(generated >= 100_000 && generated < 200_000, "generated " + generated);
    }
}
