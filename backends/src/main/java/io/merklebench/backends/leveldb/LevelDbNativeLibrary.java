package io.merklebench.backends.leveldb;

import io.merklebench.core.store.StoreException;
import org.fusesource.hawtjni.runtime.Library;
import org.fusesource.leveldbjni.JniDBFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * Extracts leveldbjni's native library once per content instead of once per JVM.
 *
 * <p>Left alone, hawtjni (the loader inside leveldbjni 1.8) copies the library to a new randomly named file in
 * {@code java.io.tmpdir} at every JVM start and never deletes it: 750 KB per process, and benchmarks fork many. On
 * Linux this class writes it to {@code <java.io.tmpdir>/merklebench-natives-<user>/leveldbjni-<crc32c>/} (to a
 * temporary name, then renamed, so concurrent JVMs never load a half-written file and never overwrite a loaded one) and points
 * hawtjni's {@code library.leveldbjni.path} property at that directory. A property set by the user wins; other
 * platforms keep hawtjni's own behaviour. Thread-safe.
 */
final class LevelDbNativeLibrary {
    private static final String PATH_PROPERTY = "library.leveldbjni.path";
    private static final String LIBRARY_NAME = "leveldbjni";
    private static boolean prepared;

    private LevelDbNativeLibrary() {
    }

    static synchronized void prepare() {
        if (prepared || System.getProperty(PATH_PROPERTY) != null || !Library.getPlatform().startsWith("linux")) {
            prepared = true;
            return;
        }
        final String fileName = System.mapLibraryName(LIBRARY_NAME);
        final String resource = "META-INF/native/" + Library.getPlatform() + "/" + fileName;
        final byte[] library;
        try (InputStream in = JniDBFactory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // No library for this platform in the jar: hawtjni reports that with its own message at load.
                prepared = true;
                return;
            }
            library = in.readAllBytes();
        } catch (final IOException e) {
            throw new StoreException("leveldb: could not read native library " + resource + " from leveldbjni-all", e);
        }
        final CRC32C crc = new CRC32C();
        crc.update(library);
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"),
            "merklebench-natives-" + System.getProperty("user.name"), LIBRARY_NAME + "-" + String.format(Locale.ROOT, "%08x", crc.getValue())).toAbsolutePath();
        final Path target = directory.resolve(fileName);
        try {
            if (!Files.isRegularFile(target) || Files.size(target) != library.length) {
                Files.createDirectories(directory);
                final Path partial = Files.createTempFile(directory, fileName, ".part");
                Files.write(partial, library);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (final IOException e) {
            throw new StoreException("leveldb: could not extract the native library to " + target
                + " (set -D" + PATH_PROPERTY + " to a directory holding " + fileName + " to choose another place)", e);
        }
        System.setProperty(PATH_PROPERTY, directory.toString());
        prepared = true;
    }
}
