package io.merklebench.cli;

import io.merklebench.core.Bytes;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.ChangesetWriter;
import io.merklebench.core.changeset.Replayer;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Fills a small file system with each persistent store through {@code mbench replay} in a child JVM (LevelDB used to
 * kill its JVM with {@code SIGBUS} on a full disk, the mmap store to throw {@code InternalError}), and checks: exit 1
 * with the one-line {@code no space left on device: <dir> needs N more bytes} message, no JVM crash (no fatal-error
 * banner, no {@code hs_err} file, no stack trace), the printed roots equal to a mem-store replay of the same changeset,
 * and, once space is freed, the store reopens at the last version the child printed with that exact root hash.
 *
 * <p>The file system is a 64 MiB ext4 image on a loop device mounted under a temporary directory: root only, and
 * skipped (not failed) where the image cannot be made or mounted (no loop devices in a container, say). A ballast file
 * leaves each store {@value #FREE_MIB} MiB, so the changeset it needs to fill them stays small, and deleting it is the
 * "free space" step.
 */
class FullDiskTest {
    private static final long SEED = 20261116L;
    private static final long IMAGE_BYTES = 64L << 20;
    private static final long FREE_MIB = 16;
    private static final int VERSIONS = 500;
    private static final int SETS_PER_VERSION = 50;
    private static final int VALUE_BYTES = 1024;
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    @TempDir
    static Path tempDir;

    private static Path mountPoint;
    private static Path changeset;
    private static final Map<String, Map<Long, byte[]>> REFERENCE_ROOTS = new HashMap<>();

    @BeforeAll
    static void mountSmallFileSystem() throws Exception {
        final Command uid = run(List.of("id", "-u"));
        if (uid.exitCode != 0 || !"0".equals(uid.output.trim())) {
            abort("the full-disk test mounts a loop file system, which needs root; running as uid " + uid.output.trim());
        }
        final Path image = tempDir.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(IMAGE_BYTES);
        }
        final Command mkfs = run(List.of("mkfs.ext4", "-q", "-F", image.toString()));
        if (mkfs.exitCode != 0) {
            abort("mkfs.ext4 failed (exit " + mkfs.exitCode + "): " + mkfs.output.trim());
        }
        final Path target = tempDir.resolve("mnt");
        Files.createDirectories(target);
        final Command mount = run(List.of("mount", "-o", "loop", image.toString(), target.toString()));
        if (mount.exitCode != 0) {
            abort("cannot loop-mount a file system here (exit " + mount.exitCode + "): " + mount.output.trim());
        }
        mountPoint = target;
        changeset = tempDir.resolve("fill.cs");
        writeChangeset(changeset);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mountPoint != null) {
            final Command umount = run(List.of("umount", mountPoint.toString()));
            if (umount.exitCode != 0) {
                // A file still open keeps the mount busy: detach it now, the kernel finishes when it is closed.
                run(List.of("umount", "-l", mountPoint.toString()));
            }
            mountPoint = null;
        }
    }

    @ParameterizedTest(name = "{0} on {1} {2}")
    @CsvSource({"heap, rocksdb, ''", "heap, leveldb, ''", "heap, lmdb, ''", "heap, lmdb, writeMap=true", "heap, mmap, ''",
        "paged31, pagefile, ''"})
    void shouldStopWithTheNoSpaceMessageAndReopenAtTheLastSavedVersion(
        final String engine, final String store, final String storeOptions) throws Exception {
        final long startNanos = System.nanoTime();
        final String name = engine + "-" + store + (storeOptions.isEmpty() ? "" : "-" + storeOptions.replace('=', '-'));
        final Path storeDirectory = mountPoint.resolve(name);
        final Path ballast = mountPoint.resolve("ballast");
        fillLeaving(ballast, FREE_MIB << 20);
        try {
            final Path workingDirectory = Files.createDirectories(tempDir.resolve("cwd-" + name));
            final Command child = replayInChildJvm(workingDirectory, engine, store, storeOptions, storeDirectory);
            final double childSeconds = (System.nanoTime() - startNanos) / 1e9;
            final String context = name + ": exit " + child.exitCode + "\nstdout tail: "
                + tail(child.output) + "\nstderr: " + child.errors;

            assertFalse(child.output.contains("A fatal error has been detected") || child.errors.contains("A fatal error"),
                "no JVM crash " + context);
            try (Stream<Path> files = Files.list(workingDirectory)) {
                assertEquals(List.of(), files.map(Path::getFileName).map(Path::toString)
                    .filter(file -> file.startsWith("hs_err")).toList(), "no hs_err file " + context);
            }
            assertEquals(1, child.exitCode, context);
            final List<String> errorLines = child.errors.lines()
                .filter(line -> !line.startsWith("WARNING:")).toList();
            assertEquals(1, errorLines.size(), "one line on stderr, no stack trace " + context);
            assertTrue(errorLines.get(0).startsWith("replay: "), context);
            assertTrue(errorLines.get(0).contains("no space left on device: " + storeDirectory.toAbsolutePath()
                + " needs "), context);
            assertTrue(errorLines.get(0).matches(".* needs [1-9][0-9]* more bytes.*"), context);

            final List<String> printed = child.output.lines().toList();
            assertFalse(printed.isEmpty(), "the store saved versions before the disk was full " + context);
            final long lastVersion = Long.parseLong(printed.get(printed.size() - 1).split(" ")[0]);
            final byte[] lastRoot = Bytes.fromHex(printed.get(printed.size() - 1).split(" ")[1]);
            assertTrue(lastVersion < VERSIONS, "the changeset filled the disk " + context);
            final Map<Long, byte[]> reference = referenceRoots(engine, lastVersion);
            for (final String line : printed) {
                final long version = Long.parseLong(line.split(" ")[0]);
                assertArrayEquals(reference.get(version), Bytes.fromHex(line.split(" ")[1]), "printed root of version "
                    + version + " " + context);
            }

            Files.delete(ballast);
            try (MerkleTree reopened = Registry.openTree(engine, store, storeDirectory, StoreOptions.parse(storeOptions),
                TreeOptions.DEFAULTS)) {
                assertEquals(lastVersion, reopened.lastSavedVersion(), "reopened at the last saved version " + context);
                assertArrayEquals(lastRoot, reopened.rootHash(), "reopened root " + context);
            }
            System.out.printf("FullDiskTest: %s: %d versions saved, then %s (child %.1f s, all %.1f s)%n", name,
                lastVersion, errorLines.get(0), childSeconds, (System.nanoTime() - startNanos) / 1e9);
        } finally {
            Files.deleteIfExists(ballast);
            deleteRecursively(storeDirectory);
        }
    }

    /** Versions of new 32-byte keys with incompressible values, far more than {@value #FREE_MIB} MiB in any store. */
    private static void writeChangeset(final Path file) throws IOException {
        final SplittableRandom random = new SplittableRandom(SEED);
        try (ChangesetWriter writer = new ChangesetWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            final byte[] key = new byte[32];
            final byte[] value = new byte[VALUE_BYTES];
            for (int version = 0; version < VERSIONS; version++) {
                for (int i = 0; i < SETS_PER_VERSION; i++) {
                    random.nextBytes(key);
                    random.nextBytes(value);
                    writer.set(key, value);
                }
                writer.commit(null);
            }
        }
    }

    /**
     * The root of versions 1 to at least {@code lastVersion} when {@code engine} replays the changeset on the mem
     * store; kept per engine, and replayed only as far as a store got.
     */
    private static Map<Long, byte[]> referenceRoots(final String engine, final long lastVersion) throws IOException {
        final Map<Long, byte[]> known = REFERENCE_ROOTS.get(engine);
        if (known != null && known.containsKey(lastVersion)) {
            return known;
        }
        final Map<Long, byte[]> roots = new HashMap<>();
        final Path directory = tempDir.resolve("reference-" + engine + "-" + lastVersion);
        try (BufferedReader reader = Files.newBufferedReader(changeset, StandardCharsets.UTF_8);
             ChangesetReader operations = new ChangesetReader(reader, changeset.toString());
             MerkleTree tree = Registry.openTree(engine, "mem", directory, StoreOptions.DEFAULTS,
                 TreeOptions.DEFAULTS.withDurable(false))) {
            new Replayer(tree).replay(operations, (version, rootHash, lineNumber) -> {
                roots.put(version, rootHash);
                if (version == lastVersion) {
                    throw new ReferenceComplete();
                }
            });
        } catch (final ReferenceComplete complete) {
            // Replayed as far as needed.
        }
        REFERENCE_ROOTS.put(engine, roots);
        return roots;
    }

    /** Ends a reference replay at the version a store got to. */
    private static final class ReferenceComplete extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReferenceComplete() {
            super(null, null, false, false);
        }
    }

    /** Writes a file that leaves {@code freeBytes} usable on the mount (allocated, so it really takes the space). */
    private static void fillLeaving(final Path ballast, final long freeBytes) throws IOException {
        final long bytes = Files.getFileStore(mountPoint).getUsableSpace() - freeBytes;
        assertTrue(bytes > 0, "the mount has more than " + freeBytes + " bytes free");
        final ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        try (FileChannel channel = FileChannel.open(ballast, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < bytes) {
                zeros.clear().limit((int)Math.min(zeros.capacity(), bytes - written));
                written += channel.write(zeros);
            }
            channel.force(true);
        }
    }

    private static Command replayInChildJvm(final Path workingDirectory, final String engine, final String store,
                                            final String storeOptions, final Path storeDirectory)
        throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        final String flags = System.getProperty("merklebench.jvmFlags", "");
        if (!flags.isBlank() && !flags.startsWith("${")) {
            command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Mbench.class.getName());
        command.addAll(List.of("replay", changeset.toString(), "--engine", engine, "--store", store,
            "--dir", storeDirectory.toString(), "--store-options", storeOptions));
        final Path stdout = workingDirectory.resolve("stdout.txt");
        final Path stderr = workingDirectory.resolve("stderr.txt");
        final Process process = new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
        if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail("mbench replay on " + engine + ":" + store + " did not end within " + CHILD_TIMEOUT_SECONDS + " s");
        }
        return new Command(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private static Command run(final List<String> command) throws IOException, InterruptedException {
        final Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (final IOException e) {
            return new Command(-1, command.get(0) + " could not be started: " + e.getMessage(), "");
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Command(process.waitFor(), output, "");
    }

    private static String tail(final String text) {
        final List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void deleteRecursively(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Command(int exitCode, String output, String errors) {
    }
}
