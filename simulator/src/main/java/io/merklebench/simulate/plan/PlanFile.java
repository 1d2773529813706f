package io.merklebench.simulate.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a plan file and checks it: JSON through Jackson, where an unknown field, a duplicate field, a wrong type or
 * trailing text is an error naming its JSON path, then the rules below, each an error naming the path. Defaults are
 * filled in, so the {@link Plan} returned is complete. Bundled plans ({@code smoke}, {@code bank-like}, ...) are
 * resources of this package, found by name. Stateless and thread-safe.
 *
 * <p>The rules: at least one store; store names non-empty, of letters, digits, '-' and '_', and used once; length
 * means at least 0 and standard deviations at least 0; at least one phase, each with at least 1 version; counts at
 * least 0; operations only for declared stores; a key choice {@code uniform} or {@code zipfian} with an exponent
 * above 0; updates, deletes and gets only where the store has keys left for them; readers with a declared store
 * and at least 0 threads; pruning with {@code keepRecent} and {@code interval} both set or both 0; durability, the
 * cache and {@code diskUsageEvery} at least 0.
 */
public final class PlanFile {
    /** Where the bundled plans live on the class path, as {@code <name>.json}. */
    static final String BUNDLED_PLANS = "/io/merklebench/simulate/plans/";
    /** The plans shipped with the toolkit, in the order {@code --help} lists them. */
    public static final List<String> BUNDLED = List.of("smoke", "bank-like", "hot-accounts", "bigger-than-cache");

    private static final int DEFAULT_RANGE_EVERY = 100;
    private static final int DEFAULT_DISK_USAGE_EVERY = 10;
    private static final long DEFAULT_SEED = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private PlanFile() {
    }

    /**
     * A plan by file path, or by the name of a bundled plan when no such file exists.
     *
     * @throws PlanException naming the file and what is wrong
     */
    public static Plan load(final String pathOrBundledName) {
        final Path path = Path.of(pathOrBundledName);
        if (Files.isRegularFile(path)) {
            return read(path);
        }
        if (BUNDLED.contains(pathOrBundledName)) {
            return bundled(pathOrBundledName);
        }
        if (Files.exists(path)) {
            throw new PlanException("plan " + path.toAbsolutePath() + " is not a regular file");
        }
        throw new PlanException("plan file not found: " + path.toAbsolutePath() + " (bundled plans: "
            + String.join(", ", BUNDLED) + ")");
    }

    /** The bytes of the plan {@link #load} would read: the file, or the bundled resource. */
    public static byte[] bytesOf(final String pathOrBundledName) throws IOException {
        final Path path = Path.of(pathOrBundledName);
        if (Files.isRegularFile(path)) {
            return Files.readAllBytes(path);
        }
        try (InputStream in = resource(pathOrBundledName)) {
            return in.readAllBytes();
        }
    }

    /** Reads and checks the plan in {@code file}. */
    public static Plan read(final Path file) {
        final Path absolute = file.toAbsolutePath();
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(absolute);
        } catch (final NoSuchFileException e) {
            throw new PlanException("plan file not found: " + absolute);
        } catch (final IOException e) {
            throw new PlanException("cannot read plan " + absolute + ": " + e.getMessage(), e);
        }
        return parse(bytes, absolute.toString(), defaultName(absolute));
    }

    /** A bundled plan by name ({@link #BUNDLED}). */
    public static Plan bundled(final String name) {
        try (InputStream in = resource(name)) {
            return parse(in.readAllBytes(), "bundled plan " + name, name);
        } catch (final IOException e) {
            throw new PlanException("cannot read bundled plan " + name + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks plan JSON; {@code source} names it in messages, {@code defaultName} when it has no name. */
    public static Plan parse(final byte[] json, final String source, final String defaultName) {
        final Plan raw;
        try {
            raw = MAPPER.readValue(json, Plan.class);
        } catch (final UnrecognizedPropertyException e) {
            throw new PlanException("plan " + source + ": unknown field '" + e.getPropertyName() + "' at "
                + pathOf(e) + "; known fields there: " + String.join(", ", e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().toList()), e);
        } catch (final JsonMappingException e) {
            throw new PlanException("plan " + source + ": " + pathOf(e) + ": " + e.getOriginalMessage()
                + where(e.getLocation()), e);
        } catch (final JacksonException e) {
            throw new PlanException("plan " + source + ": not valid JSON: " + e.getOriginalMessage()
                + where(e.getLocation()), e);
        } catch (final IOException e) {
            throw new PlanException("cannot read plan " + source + ": " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new PlanException("plan " + source + ": empty (expected a JSON object)");
        }
        return new Checker(source).check(raw, defaultName);
    }

    private static InputStream resource(final String name) throws IOException {
        final InputStream in = PlanFile.class.getResourceAsStream(BUNDLED_PLANS + name + ".json");
        if (in == null) {
            throw new IOException("no bundled plan " + name + " on the class path");
        }
        return in;
    }

    private static String defaultName(final Path file) {
        final String fileName = file.getFileName().toString();
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
    }

    /** {@code $.phases[1].operations.bank.inserts} from Jackson's reference chain. */
    private static String pathOf(final JsonMappingException e) {
        final StringBuilder path = new StringBuilder("$");
        for (final JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String where(final JsonLocation location) {
        return location == null || location.getLineNr() < 1
            ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The rules of the class comment, with the JSON path of every value it checks. */
    private static final class Checker {
        private final String source;

        Checker(final String source) {
            this.source = source;
        }

        Plan check(final Plan raw, final String defaultName) {
            final String name = raw.name() == null || raw.name().isBlank() ? defaultName : raw.name();
            requireName("$.name", name);
            final List<Plan.Store> stores = required("$.stores", raw.stores());
            if (stores.isEmpty()) {
                throw problem("$.stores", "a plan needs at least one store");
            }
            final Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < stores.size(); i++) {
                final String path = "$.stores[" + i + "]";
                final Plan.Store store = required(path, stores.get(i));
                requireName(path + ".name", store.name());
                final Integer earlier = seen.putIfAbsent(store.name(), i);
                if (earlier != null) {
                    throw problem(path + ".name", "store name '" + store.name() + "' is used twice (also at $.stores["
                        + earlier + "].name)");
                }
                checkLength(path + ".keyLength", store.keyLength());
                checkLength(path + ".valueLength", store.valueLength());
            }
            final List<Plan.Phase> rawPhases = required("$.phases", raw.phases());
            if (rawPhases.isEmpty()) {
                throw problem("$.phases", "a plan needs at least one phase");
            }
            final List<Plan.Phase> phases = new ArrayList<>();
            for (int i = 0; i < rawPhases.size(); i++) {
                phases.add(checkPhase("$.phases[" + i + "]", required("$.phases[" + i + "]", rawPhases.get(i)), i,
                    seen));
            }
            final Plan.Readers readers = checkReaders(raw.readers(), seen);
            final Plan.Pruning pruning = checkPruning(raw.pruning());
            final Plan.Durability durability = raw.durability() == null ? Plan.Durability.EVERY_VERSION : raw.durability();
            atLeast("$.durability.every", durability.every(), 0);
            final Plan.Cache cache = raw.cache() == null ? Plan.Cache.DEFAULT : raw.cache();
            atLeast("$.cache.nodes", cache.nodes(), 0);
            atLeast("$.cache.evictPageCacheEvery", cache.evictPageCacheEvery(), 0);
            atLeast("$.diskUsageEvery", raw.diskUsageEvery(), 0);
            final Plan plan = new Plan(name, raw.description() == null ? "" : raw.description(),
                raw.seed() == null ? DEFAULT_SEED : raw.seed(), List.copyOf(stores), List.copyOf(phases), readers, pruning,
                durability, cache, raw.diskUsageEvery() == 0 ? DEFAULT_DISK_USAGE_EVERY : raw.diskUsageEvery());
            checkKeysSuffice(plan);
            return plan;
        }

        private Plan.Phase checkPhase(final String path, final Plan.Phase phase, final int index,
                                      final Map<String, Integer> storeNames) {
            if (phase.versions() < 1) {
                throw problem(path + ".versions", "a phase needs at least 1 version: versions=" + phase.versions());
            }
            final Plan.KeyChoice keyChoice = checkKeyChoice(path + ".keyChoice", phase.keyChoice());
            final Map<String, Plan.Operations> operations = new LinkedHashMap<>();
            final Map<String, Plan.Operations> given = phase.operations() == null ? Map.of() : phase.operations();
            for (final Map.Entry<String, Plan.Operations> entry : given.entrySet()) {
                final String storePath = path + ".operations." + entry.getKey();
                if (!storeNames.containsKey(entry.getKey())) {
                    throw problem(storePath, "no store named '" + entry.getKey() + "' in $.stores (stores: "
                        + String.join(", ", storeNames.keySet().stream().sorted().toList()) + ")");
                }
                final Plan.Operations counts = required(storePath, entry.getValue());
                atLeast(storePath + ".inserts", counts.inserts(), 0);
                atLeast(storePath + ".updates", counts.updates(), 0);
                atLeast(storePath + ".deletes", counts.deletes(), 0);
                atLeast(storePath + ".gets", counts.gets(), 0);
                operations.put(entry.getKey(), counts);
            }
            final String name = phase.name() == null || phase.name().isBlank() ? "phase" + (index + 1) : phase.name();
            return new Plan.Phase(name, phase.versions(), keyChoice, Map.copyOf(operations));
        }

        private Plan.KeyChoice checkKeyChoice(final String path, final Plan.KeyChoice keyChoice) {
            if (keyChoice == null) {
                return Plan.KeyChoice.DEFAULT;
            }
            final String distribution = keyChoice.distribution() == null ? Plan.KeyChoice.UNIFORM : keyChoice.distribution();
            switch (distribution) {
                case Plan.KeyChoice.UNIFORM -> {
                    if (keyChoice.exponent() != null) {
                        throw problem(path + ".exponent", "an exponent belongs to the zipfian distribution only");
                    }
                    return Plan.KeyChoice.DEFAULT;
                }
                case Plan.KeyChoice.ZIPFIAN -> {
                    if (keyChoice.exponent() == null) {
                        throw problem(path + ".exponent", "the zipfian distribution needs an exponent above 0");
                    }
                    if (!(keyChoice.exponent() > 0) || keyChoice.exponent().isInfinite()) {
                        throw problem(path + ".exponent", "the zipf exponent must be above 0: exponent="
                            + keyChoice.exponent());
                    }
                    return keyChoice;
                }
                default -> throw problem(path + ".distribution", "unknown distribution '" + distribution
                    + "'; expected uniform or zipfian");
            }
        }

        private Plan.Readers checkReaders(final Plan.Readers readers, final Map<String, Integer> storeNames) {
            if (readers == null) {
                return Plan.Readers.NONE;
            }
            atLeast("$.readers.threads", readers.threads(), 0);
            if (readers.threads() == 0) {
                return Plan.Readers.NONE;
            }
            if (readers.store() == null || readers.store().isBlank()) {
                throw problem("$.readers.store", "readers need a store to read (one of: "
                    + String.join(", ", storeNames.keySet().stream().sorted().toList()) + ")");
            }
            if (!storeNames.containsKey(readers.store())) {
                throw problem("$.readers.store", "no store named '" + readers.store() + "' in $.stores");
            }
            atLeast("$.readers.rangeLength", readers.rangeLength(), 0);
            atLeast("$.readers.rangeEvery", readers.rangeEvery(), 0);
            return new Plan.Readers(readers.threads(), readers.store(), readers.rangeLength(),
                readers.rangeEvery() == 0 ? DEFAULT_RANGE_EVERY : readers.rangeEvery());
        }

        private Plan.Pruning checkPruning(final Plan.Pruning pruning) {
            if (pruning == null) {
                return Plan.Pruning.NONE;
            }
            atLeast("$.pruning.keepRecent", pruning.keepRecent(), 0);
            atLeast("$.pruning.interval", pruning.interval(), 0);
            if ((pruning.keepRecent() == 0) != (pruning.interval() == 0)) {
                throw problem("$.pruning", "set both keepRecent and interval (at least 1), or neither: keepRecent="
                    + pruning.keepRecent() + " interval=" + pruning.interval());
            }
            return pruning;
        }

        /**
         * Updates, deletes and gets pick live keys: a store must have keys for them at every version. And inserts
         * draw fresh keys: the key lengths must allow many more keys than the store ever holds.
         */
        private void checkKeysSuffice(final Plan plan) {
            final long[] keys = new long[plan.stores().size()];
            final long[] mostKeys = new long[keys.length];
            final String[] mostKeyPath = new String[keys.length];
            long firstVersion = 1;
            for (int p = 0; p < plan.phases().size(); p++) {
                final Plan.Phase phase = plan.phases().get(p);
                for (final Map.Entry<String, Plan.Operations> entry : phase.operations().entrySet()) {
                    final int store = plan.storeIndex(entry.getKey());
                    final Plan.Operations counts = entry.getValue();
                    final long net = counts.inserts() - counts.deletes();
                    // Keys change by `net` per version, so the fewest are at the phase's first or last version.
                    final long fewestAtStart = keys[store] + Math.min(0, net * (phase.versions() - 1));
                    final boolean picks = counts.updates() + counts.deletes() + counts.gets() > 0;
                    if (picks && fewestAtStart < counts.deletes() + (counts.updates() + counts.gets() > 0 ? 1 : 0)) {
                        throw problem("$.phases[" + p + "].operations." + entry.getKey(), "the store has "
                            + Math.max(0, fewestAtStart) + " keys at the start of a version of this phase (from version "
                            + firstVersion + "), too few for " + counts.deletes() + " deletes"
                            + (counts.updates() + counts.gets() > 0 ? " and then updates or gets" : "")
                            + "; insert keys in an earlier phase");
                    }
                    keys[store] += net * phase.versions();
                    mostKeys[store] = Math.max(mostKeys[store], Math.max(keys[store], keys[store] - net * phase.versions()));
                    mostKeyPath[store] = mostKeys[store] == keys[store] ? "$.phases[" + p + "].operations." + entry.getKey()
                        : mostKeyPath[store];
                }
                firstVersion += phase.versions();
            }
            for (int store = 0; store < keys.length; store++) {
                final Plan.Store shape = plan.stores().get(store);
                final double distinct = distinctKeys(shape.keyLength());
                // Fresh keys are drawn at random: with fewer than about twice as many possible keys as live ones,
                // drawing one takes ever more attempts, and past the key space it cannot succeed.
                if (mostKeys[store] > 0 && distinct < 2.0 * mostKeys[store]) {
                    throw problem("$.stores[" + store + "].keyLength", String.format(java.util.Locale.ROOT,
                        "keys of about %.1f±%.1f bytes allow about %.3g distinct keys, too few for the %d live keys"
                            + " the phases reach (%s); use longer keys", shape.keyLength().mean(),
                        shape.keyLength().stddev(), distinct, mostKeys[store], mostKeyPath[store]));
                }
            }
        }

        /** Distinct keys of the lengths a normal distribution gives (mean ± 4 standard deviations, at least 1 byte). */
        private static double distinctKeys(final Plan.Length length) {
            final long shortest = Math.max(1, Math.round(length.mean() - 4 * length.stddev()));
            final long longest = Math.max(shortest, Math.round(length.mean() + 4 * length.stddev()));
            double distinct = 0;
            for (long bytes = shortest; bytes <= longest && distinct < 1e30; bytes++) {
                distinct += Math.pow(256, bytes);
            }
            return distinct;
        }

        private void checkLength(final String path, final Plan.Length length) {
            required(path, length);
            if (!(length.mean() >= 0) || Double.isInfinite(length.mean())) {
                throw problem(path + ".mean", "a length mean must be at least 0: mean=" + length.mean());
            }
            if (!(length.stddev() >= 0) || Double.isInfinite(length.stddev())) {
                throw problem(path + ".stddev", "a standard deviation must be at least 0: stddev=" + length.stddev());
            }
        }

        private void requireName(final String path, final String name) {
            if (name == null || name.isEmpty()) {
                throw problem(path, "a name is required");
            }
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw problem(path, "a name may hold letters, digits, '-' and '_' only: '" + name + "'");
            }
        }

        private void atLeast(final String path, final long value, final long minimum) {
            if (value < minimum) {
                throw problem(path, "must be at least " + minimum + ": " + path.substring(path.lastIndexOf('.') + 1)
                    + "=" + value);
            }
        }

        private <T> T required(final String path, final T value) {
            if (value == null) {
                throw problem(path, "is required");
            }
            return value;
        }

        private PlanException problem(final String path, final String problem) {
            return new PlanException("plan " + source + ": " + path + ": " + problem);
        }
    }
}
