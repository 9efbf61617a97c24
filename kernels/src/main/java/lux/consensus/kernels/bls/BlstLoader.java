package lux.consensus.kernels.bls;

import java.util.Locale;
import supranational.blst.P1_Affine;

/**
 * Loads blst once and remembers why it failed, if it did.
 *
 * <p>jblst's {@code blstJNI} class copies the library for {@code os.name/os.arch} out of its jar into a
 * fresh directory under {@code java.io.tmpdir} and loads it from there; when the jar has no library for
 * this platform it tries {@code System.loadLibrary("blst")}. Either failure surfaces as an
 * {@link UnsatisfiedLinkError}, an {@link ExceptionInInitializerError} around a RuntimeException, or, on
 * later attempts, a {@link NoClassDefFoundError}. This class turns all of them into one
 * {@link BlsUnavailableException} that says which platform failed and why, thrown by every BLS operation.
 * (Model: Teku {@code BlstLoader}.)
 */
final class BlstLoader {

    /** The platforms jblst 0.3.17 ships a native library for. */
    static final String SHIPPED_PLATFORMS = "Linux amd64/aarch64, macOS x86_64/aarch64, Windows amd64";

    /** Null when blst loaded and answered a first call; otherwise why not. */
    private static final BlsUnavailableException FAILURE = load();

    private BlstLoader() {
    }

    /** Whether blst is usable in this JVM. */
    static boolean available() {
        return FAILURE == null;
    }

    /**
     * Returns if blst is usable, else throws.
     *
     * @throws BlsUnavailableException naming the platform and the loader's error
     */
    static void ensureLoaded() {
        if (FAILURE != null) {
            throw new BlsUnavailableException(FAILURE.getMessage(), FAILURE.getCause());
        }
    }

    private static BlsUnavailableException load() {
        try {
            // Loads the library (blstJNI's static initializer) and makes one real native call.
            if (!P1_Affine.generator().in_group()) {
                return failure(System.getProperty("os.name"), System.getProperty("os.arch"),
                        new IllegalStateException("blst loaded but says the G1 generator is not in G1"));
            }
            return null;
        } catch (LinkageError | RuntimeException e) {
            return failure(System.getProperty("os.name"), System.getProperty("os.arch"), e);
        }
    }

    /** The exception for a failed load, its message built from the platform and the cause. */
    static BlsUnavailableException failure(String osName, String osArch, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.format(Locale.ROOT,
                "BLS12-381 is unavailable: the native blst library (jblst) could not load on %s/%s: %s."
                        + " jblst ships libraries for %s; it extracts the library into java.io.tmpdir (%s),"
                        + " which must allow executable mappings (not mounted noexec)",
                osName, osArch, root, SHIPPED_PLATFORMS, System.getProperty("java.io.tmpdir"));
        return new BlsUnavailableException(message, cause);
    }
}
