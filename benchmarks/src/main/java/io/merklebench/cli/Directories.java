package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on directories the user names, with messages that say what the directory is for. */
final class Directories {
    private Directories() {
    }

    /** Creates {@code directory} if needed and checks it is a writable directory; returns its absolute path. */
    static Path prepareWritable(final Path directory, final String purpose) {
        final Path absolute = directory.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new UserErrors.UserException(purpose + " is not a directory: " + absolute);
        }
        try {
            Files.createDirectories(absolute);
        } catch (final IOException e) {
            throw new UserErrors.UserException("could not create " + purpose + ": " + absolute + " (" + e + ")");
        }
        if (!Files.isWritable(absolute)) {
            throw new UserErrors.UserException(purpose + " is not writable: " + absolute);
        }
        return absolute;
    }
}
