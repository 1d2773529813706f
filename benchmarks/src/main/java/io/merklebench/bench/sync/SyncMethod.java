package io.merklebench.bench.sync;

/**
 * The ways a program can make a write durable on Linux, as Java exposes them. Constant names are the labels in
 * {@code results.csv} and in {@code mbench fsync}'s output, which is why they keep the system's spelling.
 */
public enum SyncMethod {
    /** {@code FileChannel.force(false)}: fdatasync(2), flushes the data and only the metadata needed to read it. */
    fdatasync("write, then FileChannel.force(false) = fdatasync(2)"),
    /** {@code FileChannel.force(true)}: fsync(2), also flushes metadata such as the modification time. */
    fsync("write, then FileChannel.force(true) = fsync(2)"),
    /** A channel opened with {@code StandardOpenOption.DSYNC} (O_DSYNC): each write returns once its data is durable. */
    O_DSYNC("write on a channel opened with StandardOpenOption.DSYNC (O_DSYNC)"),
    /** A channel opened with {@code StandardOpenOption.SYNC} (O_SYNC): each write also waits for metadata. */
    O_SYNC("write on a channel opened with StandardOpenOption.SYNC (O_SYNC)"),
    /** Store into a mapping of the file, then {@code MappedByteBuffer.force(index, length)}: msync(2) of those pages. */
    msync("copy into a MappedByteBuffer, then force(index, length) = msync(2)");

    private final String description;

    SyncMethod(final String description) {
        this.description = description;
    }

    /** One line saying which calls the method makes. */
    public String description() {
        return description;
    }
}
