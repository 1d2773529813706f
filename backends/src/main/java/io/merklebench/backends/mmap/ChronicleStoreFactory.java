package io.merklebench.backends.mmap;

/**
 * {@code chronicle}: the {@code mmap} store's record log, mapped and touched through Chronicle Bytes
 * ({@link ChronicleLogMapping}). See {@link RecordLogStoreFactory} for the options.
 */
public final class ChronicleStoreFactory extends RecordLogStoreFactory {
    public static final String NAME = ChronicleLogMapping.NAME;

    public ChronicleStoreFactory() {
        super(ChronicleLogMapping.INSTANCE, LogSettings.CHRONICLE_DEFAULT_SEGMENT_BYTES);
    }
}
