package lux.consensus.store;

/** A store could not read or write (I/O error, full disk, corrupted data): the chain cannot go on. */
public final class ChainStoreException extends RuntimeException {
    public ChainStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainStoreException(String message) {
        super(message);
    }
}
