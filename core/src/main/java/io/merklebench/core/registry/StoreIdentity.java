package io.merklebench.core.registry;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The identity file {@value #FILE_NAME} that {@link Registry#openTree} writes into every persistent store's directory
 * when it creates the store, and checks before any store library opens the directory again: which store kind and
 * which engine wrote it, in which layout of this file, with which toolkit. Without it a RocksDB opened on a LevelDB
 * directory rewrote it for good, and an engine opened on another engine's files (a page file under {@code heap}, a
 * heap store under {@code paged15}) started an empty tree beside the old one.
 *
 * <p>The file is a few {@code key=value} lines ({@link Properties} syntax):
 * <pre>
 * format=1
 * store=rocksdb
 * engine=array
 * toolkit=0.1.0-SNAPSHOT
 * created=2026-12-03T06:00:00Z
 * </pre>
 * It is written whole to a temporary file, forced, then linked to its name, so a crash leaves either no identity or
 * a complete one, and of two processes creating the same directory only one wins. {@code mem} keeps nothing on disk
 * and writes no identity; it refuses a directory that holds files (another store's data would silently be shadowed
 * by an empty in-memory tree). Stateless.
 */
public final class StoreIdentity {
    public static final String FILE_NAME = "merklebench.identity";
    /** The layout of this file; a newer one is refused rather than misread. */
    static final int FORMAT = 1;

    private StoreIdentity() {
    }

    /** What an identity file says. */
    public record Recorded(String store, String engine, int format, String toolkit, String created) {
    }

    /**
     * What the identity of the store in {@code directory} says, for commands that open a store as it is
     * ({@code mbench inspect}, {@code mbench verify}); reads the file only.
     *
     * @throws IllegalArgumentException when the directory does not exist or holds no identity (not a store of this
     *                                  toolkit, one older than identities, or {@code mem}, which keeps nothing on
     *                                  disk), or the identity is damaged or of a newer layout
     */
    public static Recorded of(final Path directory) {
        final Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("store directory not found: " + absolute);
        }
        final Path file = absolute.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("directory " + absolute + " holds no " + FILE_NAME + ", so it is not a"
                + " store created by this toolkit (or by one older than identities) and which store and engine to"
                + " open is unknown; the mem store keeps nothing on disk. Nothing was opened");
        }
        return read(file);
    }

    /**
     * Checks that {@code directory} may be opened as {@code storeName} under {@code engineName}, and creates its
     * identity when it is a new persistent store. Called before the store's library touches the directory.
     *
     * @param persistent whether the store keeps files (mem does not: it only checks)
     * @throws IllegalArgumentException naming what the directory holds and what was asked for, when the identity
     *                                  names another store or engine, when the directory holds files but no identity
     *                                  (not created by this toolkit, or by one older than identities), or when the
     *                                  identity file is damaged or of a newer layout
     */
    static Claim claim(final Path directory, final String storeName, final String engineName,
                       final boolean persistent) {
        final Path file = directory.resolve(FILE_NAME);
        final String asked = "store=" + storeName + " engine=" + engineName;
        if (Files.isRegularFile(file)) {
            final Recorded recorded = read(file);
            if (!recorded.store().equals(storeName) || !recorded.engine().equals(engineName)) {
                throw new IllegalArgumentException("directory " + directory.toAbsolutePath() + " holds store="
                    + recorded.store() + " engine=" + recorded.engine() + " (created " + recorded.created()
                    + " by merkle-bench " + recorded.toolkit() + "), not " + asked + "; open it with --store "
                    + recorded.store() + " --engine " + recorded.engine() + ", or use another directory. Nothing"
                    + " was opened or changed");
            }
            return Claim.EXISTING;
        }
        final List<String> entries = entries(directory);
        if (!entries.isEmpty()) {
            throw new IllegalArgumentException("directory " + directory.toAbsolutePath() + " holds files ("
                + String.join(", ", entries.subList(0, Math.min(3, entries.size())))
                + (entries.size() > 3 ? ", ..." : "") + ") but no " + FILE_NAME + ", so which store and engine wrote"
                + " them is unknown; refusing to open it as " + asked + ". Use an empty or new directory (a store"
                + " created by this toolkit carries " + FILE_NAME + "). Nothing was opened or changed");
        }
        if (!persistent) {
            return Claim.EXISTING;
        }
        Path firstCreated = null;
        for (Path missing = directory.toAbsolutePath().normalize(); missing != null && !Files.exists(missing);
             missing = missing.getParent()) {
            firstCreated = missing;
        }
        create(directory, file, storeName, engineName);
        return new Claim(true, firstCreated);
    }

    /**
     * What {@link #claim} did: whether it wrote a new identity, and the outermost directory it created for it
     * ({@code null} when the directory existed).
     */
    record Claim(boolean createdIdentity, Path firstCreatedDirectory) {
        static final Claim EXISTING = new Claim(false, null);
    }

    /**
     * Takes back a claim whose first open failed (a bad store option, a library that could not start), so that a
     * failed command leaves nothing behind: the identity goes when the directory holds nothing else, and so do the
     * directories the claim created, while empty. Files the store's library wrote before failing stay
     * (without an identity the directory is then refused, naming them). Best effort: a failure here must not hide
     * the failure being reported.
     */
    static void release(final Path directory, final Claim claim) {
        if (!claim.createdIdentity()) {
            return;
        }
        try {
            if (entries(directory).equals(List.of(FILE_NAME))) {
                Files.deleteIfExists(directory.resolve(FILE_NAME));
                final Path firstCreated = claim.firstCreatedDirectory();
                for (Path created = directory.toAbsolutePath().normalize(); firstCreated != null && created != null
                    && created.startsWith(firstCreated); created = created.getParent()) {
                    Files.deleteIfExists(created); // fails, and stops, on a directory that is not empty
                }
            }
        } catch (final IOException | RuntimeException ignored) {
            // the open's own failure is what the caller reports
        }
    }

    /** Reads an identity file, refusing a damaged one or one of a newer layout. */
    static Recorded read(final Path file) {
        final Properties properties = new Properties();
        try {
            final byte[] bytes = Files.readAllBytes(file);
            properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (final IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("could not read the store identity " + file.toAbsolutePath() + ": "
                + e.getMessage() + "; nothing was opened", e);
        }
        final String store = properties.getProperty("store");
        final String engine = properties.getProperty("engine");
        final String format = properties.getProperty("format");
        if (store == null || store.isBlank() || engine == null || engine.isBlank() || format == null) {
            throw new IllegalArgumentException("the store identity " + file.toAbsolutePath() + " is damaged (it"
                + " needs format, store and engine lines); nothing was opened");
        }
        final int formatNumber;
        try {
            formatNumber = Integer.parseInt(format.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("the store identity " + file.toAbsolutePath() + " is damaged (format='"
                + format + "' is not a number); nothing was opened", e);
        }
        if (formatNumber > FORMAT) {
            throw new IllegalArgumentException("the store identity " + file.toAbsolutePath() + " has format "
                + formatNumber + ", newer than this toolkit's " + FORMAT + " (written by merkle-bench "
                + properties.getProperty("toolkit", "?") + "); open it with that toolkit. Nothing was opened");
        }
        return new Recorded(store.trim(), engine.trim(), formatNumber, properties.getProperty("toolkit", "?"),
            properties.getProperty("created", "?"));
    }

    /** The toolkit version from the jar's manifest, as {@code mbench --version} shows it; "development" from classes. */
    static String toolkitVersion() {
        final String version = StoreIdentity.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static List<String> entries(final Path directory) {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.map(path -> path.getFileName().toString())
                .filter(name -> !(name.startsWith(FILE_NAME + ".") && name.endsWith(".tmp"))) // a crashed create's
                .sorted().toList();
        } catch (final NoSuchFileException e) {
            return List.of();
        } catch (final NotDirectoryException e) {
            throw new IllegalArgumentException("store directory " + directory.toAbsolutePath() + " is a file, not a"
                + " directory", e);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not list store directory " + directory.toAbsolutePath(), e);
        }
    }

    private static void create(final Path directory, final Path file, final String storeName,
                               final String engineName) {
        final String text = "# merkle-bench store identity: which store and engine wrote this directory. Checked"
            + " before the store is opened; do not edit.\n"
            + "format=" + FORMAT + "\n"
            + "store=" + storeName + "\n"
            + "engine=" + engineName + "\n"
            + "toolkit=" + toolkitVersion() + "\n"
            + "created=" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        final Path temporary = directory.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                final ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                // A hard link fails when the name exists: of two creators, one identity wins whole.
                Files.createLink(file, temporary);
            } catch (final FileAlreadyExistsException e) {
                final Recorded other = read(file);
                if (!other.store().equals(storeName) || !other.engine().equals(engineName)) {
                    throw new IllegalArgumentException("directory " + directory.toAbsolutePath() + " was just"
                        + " created by another process as store=" + other.store() + " engine=" + other.engine()
                        + ", not store=" + storeName + " engine=" + engineName + "; nothing was opened", e);
                }
            } catch (final UnsupportedOperationException e) {
                Files.move(temporary, file); // a file system without hard links: no race protection, still whole
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("could not write the store identity " + file.toAbsolutePath(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (final IOException ignored) {
                // a leftover temporary is named after this PID and harmless
            }
        }
    }
}
