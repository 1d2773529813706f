package io.merklebench.core.store;

import java.nio.file.Path;

/**
 * A store write found too little free space on the file system that holds the store:
 * {@code no space left on device: <directory> needs N more bytes (<what the bytes were for>)}. Thrown before the
 * store changed anything, or after a write the OS refused with {@code ENOSPC}; either way the store still opens at its
 * last saved version once there is room. A {@link StoreException}, so the command line prints it as one line and
 * exits 1. Made by {@link DiskSpace}.
 */
public final class NoSpaceException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final long missingBytes;

    NoSpaceException(final Path directory, final long missingBytes, final String detail) {
        super("no space left on device: " + directory + " needs " + missingBytes + " more bytes (" + detail
            + "); the store keeps its last saved version");
        this.missingBytes = missingBytes;
    }

    /** How many more bytes the write needed than the file system had free for it. */
    public long missingBytes() {
        return missingBytes;
    }
}
