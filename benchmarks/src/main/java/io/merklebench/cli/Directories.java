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
            throw new UserErrors.UserException("could not create " + purpose + ": " + absolute + " ("
                + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage() + ")");
        }
        if (!Files.isWritable(absolute)) {
            throw new UserErrors.UserException(purpose + " is not writable: " + absolute);
        }
        return absolute;
    }

    /**
     * The checks of {@link #prepareWritable} without creating anything (for {@code --list}, which writes nothing):
     * {@code directory} is a writable directory, or does not exist yet and its nearest existing parent is one.
     */
    static void checkUsable(final Path directory, final String purpose) {
        final Path absolute = directory.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new UserErrors.UserException(purpose + (existing == absolute ? " is not a directory: "
                : " cannot be created: " + existing + " is not a directory, in ") + absolute);
        }
        if (!Files.isWritable(existing)) {
            throw new UserErrors.UserException(purpose + (existing == absolute ? " is not writable: "
                : " cannot be created: " + existing + " is not writable, in ") + absolute);
        }
    }
}
