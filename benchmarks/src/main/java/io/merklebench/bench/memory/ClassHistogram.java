package io.merklebench.bench.memory;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live objects per class, as HotSpot's {@code GC.class_histogram} diagnostic command lists them (what
 * {@code jcmd <pid> GC.class_histogram} prints): it runs a full GC first, so only reachable objects count. Class
 * names are the JVM's: {@code [B} is byte[], {@code [J} long[], {@code [I} int[], {@code [Ljava.lang.Object;} an
 * Object[]; the module suffix ({@code (java.base@17.0.15)}) is dropped. Immutable.
 */
final class ClassHistogram {
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    /** {@code   12:         17165        1181304  [B (java.base@17.0.15)}: rank, instances, bytes, class. */
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** One class's live instances and their shallow bytes. */
    record Entry(long instances, long bytes) {
    }

    private final Map<String, Entry> byClass;

    private ClassHistogram(final Map<String, Entry> byClass) {
        this.byClass = Collections.unmodifiableMap(byClass);
    }

    /**
     * The histogram of this JVM now, after the full GC the command forces (a stop-the-world pause of tens of ms to
     * a few s at a few GB of heap: never call it in a timed region).
     *
     * @throws IllegalStateException when the JVM has no such command (not HotSpot), naming the command
     */
    static ClassHistogram ofThisJvm() {
        try {
            final Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName(DIAGNOSTIC_COMMAND), "gcClassHistogram", new Object[]{new String[0]},
                new String[]{String[].class.getName()});
            return parse((String)text);
        } catch (final JMException | RuntimeException e) {
            throw new IllegalStateException("cannot take a class histogram (" + DIAGNOSTIC_COMMAND
                + " gcClassHistogram; a HotSpot JVM is needed): " + e, e);
        }
    }

    /** Parses the command's text; the header, the separator and the {@code Total} line are skipped. */
    static ClassHistogram parse(final String text) {
        final Map<String, Entry> byClass = new LinkedHashMap<>();
        for (final String line : text.split("\n")) {
            final Matcher matcher = LINE.matcher(line);
            if (matcher.matches()) {
                // A class loaded by two loaders is listed twice under one name: add them up.
                byClass.merge(matcher.group(3), new Entry(Long.parseLong(matcher.group(1)),
                    Long.parseLong(matcher.group(2))), (a, b) -> new Entry(a.instances + b.instances, a.bytes + b.bytes));
            }
        }
        return new ClassHistogram(byClass);
    }

    /**
     * Per class this histogram less {@code other}: entries may be negative (a class that shrank), and are kept so
     * that several differences can be added up before {@link #grown()} drops what did not grow.
     */
    ClassHistogram minus(final ClassHistogram other) {
        return combined(other, -1);
    }

    /** Per class this histogram plus {@code other}. */
    ClassHistogram plus(final ClassHistogram other) {
        return combined(other, 1);
    }

    /**
     * Only the classes with more bytes than none: a breakdown sums what the tree added, and a class that shrank
     * (garbage the baseline still held, a JDK cache trimmed) is left out rather than counted negative.
     */
    ClassHistogram grown() {
        final Map<String, Entry> grown = new LinkedHashMap<>();
        byClass.forEach((name, entry) -> {
            if (entry.bytes > 0) {
                grown.put(name, new Entry(Math.max(0, entry.instances), entry.bytes));
            }
        });
        return new ClassHistogram(grown);
    }

    private ClassHistogram combined(final ClassHistogram other, final int sign) {
        final Map<String, Entry> sum = new LinkedHashMap<>(byClass);
        other.byClass.forEach((name, entry) -> sum.merge(name, new Entry(sign * entry.instances, sign * entry.bytes),
            (a, b) -> new Entry(a.instances + b.instances, a.bytes + b.bytes)));
        return new ClassHistogram(sum);
    }

    /** Class name to entry, in the command's order (largest first) for a parsed histogram. */
    Map<String, Entry> byClass() {
        return byClass;
    }

    long bytesOf(final String className) {
        final Entry entry = byClass.get(className);
        return entry == null ? 0 : entry.bytes;
    }

    /** The sum of every entry's bytes (negative entries included: call {@link #grown()} first for a breakdown). */
    long totalBytes() {
        return byClass.values().stream().mapToLong(Entry::bytes).sum();
    }
}
