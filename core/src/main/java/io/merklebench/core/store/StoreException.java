package io.merklebench.core.store;

/**
 * A store operation failed below the contract (I/O error, native error, full map, corrupt data). The message says
 * which step failed and on which file or directory.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(final String message) {
        super(message);
    }

    public StoreException(final String message, final Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
