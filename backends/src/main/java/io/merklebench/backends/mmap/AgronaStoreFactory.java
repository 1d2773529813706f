package io.merklebench.backends.mmap;

/**
 * {@code agrona}: the {@code mmap} store's record log, mapped and touched through Agrona ({@link AgronaLogMapping}).
 * See {@link RecordLogStoreFactory} for the options.
 */
public final class AgronaStoreFactory extends RecordLogStoreFactory {
    public static final String NAME = AgronaLogMapping.NAME;

    public AgronaStoreFactory() {
        super(AgronaLogMapping.INSTANCE, LogSettings.DEFAULT_SEGMENT_BYTES);
    }
}
