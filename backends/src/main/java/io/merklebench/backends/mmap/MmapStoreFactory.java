package io.merklebench.backends.mmap;

/**
 * {@code mmap}: an append-only, CRC32C-checksummed record log in a memory-mapped file with an in-memory sorted index
 * rebuilt on open, mapped with the JDK's own {@link java.nio.MappedByteBuffer} ({@link JdkLogMapping}). See
 * {@link RecordLogStoreFactory} for the options.
 */
public final class MmapStoreFactory extends RecordLogStoreFactory {
    public static final String NAME = "mmap";

    public MmapStoreFactory() {
        super(JdkLogMapping.INSTANCE, LogSettings.DEFAULT_SEGMENT_BYTES);
    }
}
