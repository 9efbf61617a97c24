package lux.consensus.kernels.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this JVM may load OpenCL's drivers. OpenCL drivers built on LLVM (NVIDIA's; PoCL's, through
 * libLLVM) install their own handlers for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGUSR2 when the loader opens
 * them, replacing the JVM's. HotSpot raises SIGSEGV itself (safepoint polls, implicit null checks), so a
 * replaced handler can end the JVM with exit code 139 and no error report: on an NVIDIA H200 (driver 580), JMH
 * forks verifying ML-DSA batches of 4096 or more (packed on 16 threads) died every time (JVM default, -Xmx8g,
 * -Xss2m alike), and ran through with HotSpot's signal chaining. Signal chaining ({@code libjsig.so} preloaded;
 * the JNI guide's "Signal Chaining") keeps the JVM's handlers in place and calls the driver's only for signals
 * that are not the JVM's. (Checked here with PoCL: with it, SIGSEGV, SIGBUS, SIGILL and SIGFPE stay the JVM's;
 * SIGUSR2, HotSpot's thread suspend/resume signal, still goes to LLVM's handler.)
 *
 * <p>So on Linux, OpenCL is loaded only when {@code libjsig.so} is mapped into this process, or when the user
 * accepts the risk with {@value #ALLOW_PROPERTY}{@code =true}. Elsewhere (where this cannot be checked through
 * {@code /proc/self/maps}) it is loaded as before.
 */
final class SignalChaining {

    /** Property that loads OpenCL without signal chaining. */
    static final String ALLOW_PROPERTY = "lux.gpu.allowUnchainedSignals";

    private SignalChaining() {
    }

    /** Why OpenCL must not be loaded into this JVM, or empty when it may be. */
    static Optional<String> refusal() {
        if (Boolean.getBoolean(ALLOW_PROPERTY)
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        Path maps = Path.of("/proc/self/maps");
        String mapped;
        try {
            mapped = Files.readString(maps);
        } catch (IOException | RuntimeException e) {
            return Optional.of("OpenCL not loaded: " + maps + " could not be read to check for signal chaining (" + e
                    + "); " + howTo());
        }
        return mapped.contains("/libjsig.so") ? Optional.empty() : Optional.of("OpenCL not loaded: its drivers"
                + " (NVIDIA's, PoCL's LLVM) replace the JVM's signal handlers, and the JVM can then die with SIGSEGV"
                + " (exit code 139, no error report); " + howTo());
    }

    private static String howTo() {
        return "start the JVM with LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so")
                + " (HotSpot's signal chaining; the lux launcher does), or set -D" + ALLOW_PROPERTY
                + "=true to load OpenCL anyway";
    }
}
