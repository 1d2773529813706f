package io.merklebench.run;

import io.merklebench.bench.TrialDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fork whose parent is gone stops at once and deletes the run's data folder (a real child JVM). */
class ParentWatchTest {
    @TempDir
    Path temp;

    /** Stands for a JMH fork: watches the given parent, then would benchmark for a minute. */
    public static final class Fork {
        public static void main(final String[] args) throws InterruptedException {
            ParentWatch.watch(Long.parseLong(args[0]));
            Thread.sleep(60_000);
        }
    }

    @Test
    void shouldHaltAForkWhoseParentIsGoneAndDeleteTheDataFolder() throws IOException, InterruptedException {
        final Process parent = new ProcessBuilder("true").start();
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        final Path data = Files.createDirectories(temp.resolve("mbench-data-1").resolve("trial"));
        Files.writeString(data.resolve("000001.log"), "benchmark data");

        final Process fork = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            "-D" + TrialDirectory.DATA_DIR_PROPERTY + "=" + temp.resolve("mbench-data-1"),
            Fork.class.getName(), Long.toString(parent.pid()))
            .redirectErrorStream(true).redirectOutput(temp.resolve("fork.out").toFile()).start();

        assertTrue(fork.waitFor(20, TimeUnit.SECONDS), "the fork outlived its parent");
        assertEquals(ParentWatch.PARENT_GONE_STATUS, fork.exitValue(), Files.readString(temp.resolve("fork.out")));
        assertFalse(Files.exists(temp.resolve("mbench-data-1")), "the data folder is deleted");
        assertTrue(Files.readString(temp.resolve("fork.out")).contains("is gone: this benchmark fork stops"));
    }
}
