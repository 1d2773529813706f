package io.merklebench.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkJvmFlagsTest {
    private static final String FLAGS = "--add-opens=java.base/java.nio=ALL-UNNAMED  -Dchronicle.analytics.disable=true\n";

    @Test
    void shouldPassThePomFlagsAsTheyAreOnJdk17() {
        assertEquals(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"),
            ForkJvmFlags.forJdk(17, FLAGS));
    }

    @Test
    void shouldAddNativeAccessFromJdk22On() {
        assertFalse(ForkJvmFlags.forJdk(21, FLAGS).contains(ForkJvmFlags.NATIVE_ACCESS_FLAG));
        assertTrue(ForkJvmFlags.forJdk(22, FLAGS).contains(ForkJvmFlags.NATIVE_ACCESS_FLAG));
        assertTrue(ForkJvmFlags.forJdk(25, FLAGS).contains(ForkJvmFlags.NATIVE_ACCESS_FLAG));
        assertFalse(ForkJvmFlags.forJdk(22, FLAGS).contains(ForkJvmFlags.UNSAFE_MEMORY_ACCESS_FLAG),
            "JDK 22 does not know the flag and would not start");
        assertTrue(ForkJvmFlags.forJdk(23, FLAGS).contains(ForkJvmFlags.UNSAFE_MEMORY_ACCESS_FLAG));
    }

    @Test
    void shouldRefuseAResourceMavenDidNotFilter() {
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> ForkJvmFlags.forJdk(17, "${mb.jvm.flags}"));

        assertTrue(error.getMessage().contains("was not filtered by Maven"), error.getMessage());
    }

    @Test
    void shouldReadTheFilteredResourceOfThisBuild() {
        final List<String> flags = ForkJvmFlags.forThisJvm();

        assertTrue(flags.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), flags.toString());
    }
}
