package io.merklebench.hostinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fake machine for the hostinfo readers: the files Linux would show, under a test's temporary root. */
final class FixtureRoot {
    private FixtureRoot() {
    }

    /** Writes {@code content} to {@code relativePath} ({@code proc/loadavg}) under {@code root}, creating folders. */
    static void write(final Path root, final String relativePath, final String content) throws IOException {
        final Path file = root.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
