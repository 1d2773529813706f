package io.merklebench.core.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a child JVM for a test: the running java binary, the build's {@code merklebench.jvmFlags} (a
 * system property surefire passes, the parent pom's {@code mb.jvm.flags}), native access on JDK 22+ and Unsafe memory access on JDK 23+, this class
 * path, then what the test adds. Stateless.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param temporaryDirectory the child's {@code java.io.tmpdir}: JNI libraries extract their natives there, and a
     *                           killed JVM never deletes them, so a test gives one JUnit cleans up
     * @param options            JVM options after the common ones (e.g. {@code -Xmx256m})
     * @param mainClass          the class to run
     * @param arguments          its arguments
     */
    public static List<String> command(final Path temporaryDirectory, final List<String> options, final Class<?> mainClass,
                                       final String... arguments) {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        final String flags = System.getProperty("merklebench.jvmFlags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(Arrays.asList(flags.split("\\s+")));
        }
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(options);
        command.add("-Djava.io.tmpdir=" + temporaryDirectory.toAbsolutePath());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(arguments));
        return command;
    }
}
