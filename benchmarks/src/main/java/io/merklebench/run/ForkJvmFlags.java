package io.merklebench.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags every JMH fork gets: the parent pom's {@code mb.jvm.flags} (carried by the filtered classpath
 * resource {@value #RESOURCE}), plus {@value #NATIVE_ACCESS_FLAG} on JDK 22 and later, where JNI libraries
 * (RocksDB, LevelDB, LMDB) otherwise print warnings and future JDKs refuse them, and
 * {@value #UNSAFE_MEMORY_ACCESS_FLAG} on JDK 23 and later. Forks run on the same JDK as
 * {@code mbench}, so the running JDK's version decides.
 */
public final class ForkJvmFlags {
    static final String RESOURCE = "/io/merklebench/cli/jvm-flags.txt";
    static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";
    private static final int FIRST_JDK_WITH_NATIVE_ACCESS_WARNINGS = 22;
    /**
     * Agrona, and the jnr/jffi that lmdbjava and Chronicle's posix module load, use {@code sun.misc.Unsafe}'s memory
     * access, which JDK 24+ warns about at first use (JEP 471/498); the flag exists from JDK 23 on.
     */
    static final String UNSAFE_MEMORY_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow";
    private static final int FIRST_JDK_WITH_UNSAFE_MEMORY_ACCESS_FLAG = 23;

    private ForkJvmFlags() {
    }

    /** The flags for a fork on this JDK. */
    public static List<String> forThisJvm() {
        return forJdk(Runtime.version().feature(), readResource());
    }

    static List<String> forJdk(final int jdkFeatureVersion, final String resourceText) {
        final String text = resourceText.trim();
        if (text.contains("${")) {
            throw new IllegalStateException("the JVM flags resource " + RESOURCE + " was not filtered by Maven (it"
                + " still reads '" + text + "'); build the benchmarks module with ./mvnw before running");
        }
        final List<String> flags = new ArrayList<>();
        if (!text.isEmpty()) {
            flags.addAll(Arrays.asList(text.split("\\s+")));
        }
        if (jdkFeatureVersion >= FIRST_JDK_WITH_NATIVE_ACCESS_WARNINGS && !flags.contains(NATIVE_ACCESS_FLAG)) {
            flags.add(NATIVE_ACCESS_FLAG);
        }
        if (jdkFeatureVersion >= FIRST_JDK_WITH_UNSAFE_MEMORY_ACCESS_FLAG && !flags.contains(UNSAFE_MEMORY_ACCESS_FLAG)) {
            flags.add(UNSAFE_MEMORY_ACCESS_FLAG);
        }
        return List.copyOf(flags);
    }

    private static String readResource() {
        try (InputStream in = ForkJvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the JVM flags resource " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not read the JVM flags resource " + RESOURCE, e);
        }
    }
}
