package lux.consensus.kernels.bls;

/**
 * The native BLS12-381 library (blst, shipped inside the jblst jar) could not load on this platform.
 *
 * <p>It is an {@link UnsupportedOperationException}, the type every kernel backend throws when it cannot
 * run here. The message names the operating system and architecture and the loader's own error; the
 * cause is the original {@link LinkageError} or exception.
 */
public final class BlsUnavailableException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    BlsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
