package io.merklebench.backends.mmap;

import io.merklebench.core.conformance.ChildJvm;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chronicle store works with no network at all: a child JVM in a network namespace of its own with no interface
 * up ({@code unshare -n}, which needs root) opens a chronicle store, commits durably, reopens it and reads the value
 * back. Chronicle's libraries have been known to look up host names or report usage at start; its analytics module
 * is kept off the class path (the parent pom's enforcer rule), and this shows nothing else needs the network.
 * Skipped, with the reason, where the test is not root or {@code unshare} is missing.
 */
class ChronicleOfflineTest {
    private static final String DONE = "chronicle store committed and read back with no network";

    @TempDir
    Path tempDir;

    @Test
    void shouldCommitAndReadBackInsideANetworkNamespaceWithNoInterfaces() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
            "unshare -n needs root; this test runs as " + System.getProperty("user.name"));
        final Path unshare = Path.of("/usr/bin/unshare");
        assumeTrue(Files.isExecutable(unshare), "no " + unshare + " on this machine");

        final List<String> command = new ArrayList<>(List.of(unshare.toString(), "--net"));
        command.addAll(ChildJvm.command(Files.createDirectories(tempDir.resolve("child-tmp")), List.of("-Xmx256m"),
            Child.class, tempDir.resolve("store").toString()));
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final boolean finished = child.waitFor(60, TimeUnit.SECONDS);
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            child.destroyForcibly();
        }
        assertEquals(0, finished ? child.exitValue() : -1, "child output:\n" + output);
        assertEquals(true, output.contains(DONE), "child output:\n" + output);
    }

    /** The child: checks it is offline, then commits to and reads from a chronicle store. */
    public static final class Child {
        private Child() {
        }

        public static void main(final String[] args) throws IOException {
            requireOffline();
            final Path directory = Path.of(args[0]);
            final byte[] key = "offline".getBytes(StandardCharsets.UTF_8);
            final byte[] value = "no network needed".getBytes(StandardCharsets.UTF_8);
            try (KvStore store = Registry.store(ChronicleStoreFactory.NAME).open(directory, StoreOptions.DEFAULTS)) {
                store.put(key, value, true);
            }
            try (KvStore store = Registry.store(ChronicleStoreFactory.NAME).open(directory, StoreOptions.DEFAULTS)) {
                if (!Arrays.equals(value, store.get(key))) {
                    throw new IllegalStateException("read back " + Arrays.toString(store.get(key)));
                }
            }
            System.out.println(DONE);
        }

        /** No interface is up; in a fresh namespace the JDK finds none at all (only lo, down, with no address). */
        private static void requireOffline() throws SocketException {
            final List<NetworkInterface> interfaces;
            try {
                interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
            } catch (final SocketException e) {
                if (String.valueOf(e.getMessage()).contains("No network interfaces")) {
                    return;
                }
                throw e;
            }
            for (final NetworkInterface networkInterface : interfaces) {
                if (networkInterface.isUp()) {
                    throw new IllegalStateException("not offline: interface " + networkInterface.getName() + " is up");
                }
            }
        }
    }
}
