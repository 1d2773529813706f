package io.merklebench.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.merklebench.results.AtomicFiles;
import io.merklebench.results.ResultsFormatException;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@value #FILE_NAME}, the {@link RunPlan} of a run (JSON, UTF-8, indented). Reading is strict: an
 * unknown or missing field, a wrong type or a value the plan rejects is an error that names the file, the line and
 * the field's path (e.g. {@code cases[3].timing}), so a hand-edited plan fails loudly instead of running something
 * else. Stateless; thread-safe.
 *
 * <pre>{@code
 * {
 *   "profile" : "quick", "engines" : [ "array", "heap" ], "stores" : [ "mem" ], "filter" : "",
 *   "forks" : 3, "order" : "shuffle", "seed" : 42, "jvmArgs" : [ "-XX:+UseParallelGC" ],
 *   "cases" : [ {
 *     "family" : "query", "jmhName" : "io.merklebench.bench.query.QueryBench.hit",
 *     "params" : { "engine" : "heap", "store" : "mem", "size" : "10000", ... },
 *     "timing" : { "warmupIterations" : 1, "warmupMillis" : 100, "measurementIterations" : 3,
 *                  "measurementMillis" : 100, "singleShot" : false }
 *   }, ... ]
 * }
 * }</pre>
 */
public final class RunPlanFile {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "plan.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();

    private RunPlanFile() {
    }

    /** Writes {@code plan} to {@code file} through a temporary file and an atomic rename. */
    public static void write(final Path file, final RunPlan plan) throws IOException {
        final String json = MAPPER.writeValueAsString(plan);
        AtomicFiles.write(file, FILE_NAME, writer -> {
            writer.write(json);
            writer.write('\n');
        });
    }

    /**
     * @throws ResultsFormatException naming the absolute path, the line and the field, if the file is missing or is
     *     not a plan this toolkit reads
     */
    public static RunPlan read(final Path file) throws IOException {
        final Path absolute = file.toAbsolutePath();
        final String json;
        try {
            json = Files.readString(absolute);
        } catch (final NoSuchFileException e) {
            throw new ResultsFormatException(FILE_NAME, absolute, ResultsFormatException.NO_LINE, "file not found");
        }
        try {
            requireKnownFields(json, absolute);
            return MAPPER.readValue(json, RunPlan.class);
        } catch (final UnrecognizedPropertyException e) {
            throw error(absolute, e, "unknown field '" + e.getPropertyName() + "'" + where(e.getPath(), 1)
                + "; expected one of: " + known(e.getKnownPropertyIds()));
        } catch (final ValueInstantiationException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw error(absolute, e, cause.getMessage() + where(e.getPath(), 0));
        } catch (final JsonMappingException e) {
            throw error(absolute, e, e.getOriginalMessage() + where(e.getPath(), 0));
        } catch (final JacksonException e) {
            throw error(absolute, e, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Fails on the first field no record of the plan declares. Jackson buffers unknown fields of a record until its
     * constructor ran, so a misspelt field would otherwise be reported as the missing field it was meant to be (or
     * as the value the record then rejects); this walk names the misspelt one, with its line.
     */
    private static void requireKnownFields(final String json, final Path file) throws IOException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                checkObject(parser, RunPlan.class, "", file);
            }
        }
    }

    /** {@code parser} is at the start of an object of record type {@code type}; leaves it at the object's end. */
    private static void checkObject(final JsonParser parser, final Class<?> type, final String path, final Path file)
        throws IOException {
        final Map<String, Type> components = new LinkedHashMap<>();
        for (final RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component.getGenericType());
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            final String name = parser.currentName();
            final Type fieldType = components.get(name);
            if (fieldType == null) {
                throw new ResultsFormatException(FILE_NAME, file, parser.currentLocation().getLineNr(),
                    "unknown field '" + name + "'" + (path.isEmpty() ? "" : " in " + path) + "; expected one of: "
                        + known(new ArrayList<>(components.keySet())));
            }
            checkValue(parser, parser.nextToken(), fieldType, path.isEmpty() ? name : path + "." + name, file);
        }
    }

    private static void checkValue(final JsonParser parser, final JsonToken token, final Type type, final String path,
                                   final Path file) throws IOException {
        final Class<?> raw = type instanceof ParameterizedType parameterized
            ? (Class<?>) parameterized.getRawType() : type instanceof Class<?> plain ? plain : Object.class;
        if (token == JsonToken.START_OBJECT && raw.isRecord()) {
            checkObject(parser, raw, path, file);
        } else if (token == JsonToken.START_ARRAY && List.class.isAssignableFrom(raw)
            && type instanceof ParameterizedType parameterized) {
            final Type element = parameterized.getActualTypeArguments()[0];
            int index = 0;
            for (JsonToken next = parser.nextToken(); next != null && next != JsonToken.END_ARRAY;
                 next = parser.nextToken()) {
                checkValue(parser, next, element, path + "[" + index++ + "]", file);
            }
        } else {
            parser.skipChildren(); // a value, or a map of free names (a case's params); Jackson checks the types
        }
    }

    private static ResultsFormatException error(final Path file, final JacksonException e, final String problem) {
        final long line = e.getLocation() == null || e.getLocation().getLineNr() < 1
            ? ResultsFormatException.NO_LINE : e.getLocation().getLineNr();
        return new ResultsFormatException(FILE_NAME, file, line, problem, e);
    }

    /** {@code " in cases[3].timing"}: the path to the failing value, without its last {@code dropLast} steps. */
    private static String where(final List<JsonMappingException.Reference> path, final int dropLast) {
        final StringBuilder text = new StringBuilder();
        for (final JsonMappingException.Reference step : path.subList(0, Math.max(0, path.size() - dropLast))) {
            if (step.getFieldName() != null) {
                text.append(text.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                text.append('[').append(step.getIndex()).append(']');
            }
        }
        return text.length() == 0 ? "" : " in " + text;
    }

    private static String known(final Collection<?> names) {
        final List<String> sorted = new ArrayList<>();
        names.forEach(name -> sorted.add(String.valueOf(name)));
        sorted.sort(null);
        return String.join(", ", sorted);
    }
}
