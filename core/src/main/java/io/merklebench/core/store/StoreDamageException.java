package io.merklebench.core.store;

/**
 * What a store gave back is not what was written: a checksum does not match, a record that must exist is missing,
 * or bytes do not decode. Thrown by stores that check their own data and by engines that find their records
 * inconsistent. The message names the record (key, node, version) and, where known, the file; the data is left as
 * it was. A {@link StoreException}, so the command line prints it as one line and exits 1.
 */
public class StoreDamageException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreDamageException(final String message) {
        super(message);
    }

    public StoreDamageException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
