package lux.consensus.kernels.gpu;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the {@link GpuBackend}s on the class path (declared in {@code META-INF/services}), by name.
 * The OpenCL backends of this module are not among them: they are built directly.
 */
public final class GpuBackends {

    /** The name of the TornadoVM backend (module {@code tornadovm}). */
    public static final String TORNADOVM = "tornadovm";

    /** What to tell a user who asked for TornadoVM without it. */
    static final String HOW_TO_GET_TORNADOVM = "put the lux-consensus-tornadovm jar (mvn -Ptornadovm package, see the"
            + " README section 'TornadoVM') on the class path and start the JVM with TornadoVM's flags (its launcher:"
            + " tornado --printJavaFlags)";

    private GpuBackends() {
    }

    /** The backend called {@code name} on the class path, if there is one (usable or not). */
    public static Optional<GpuBackend> find(String name) {
        for (GpuBackend backend : ServiceLoader.load(GpuBackend.class, GpuBackends.class.getClassLoader())) {
            if (backend.name().equals(name)) {
                return Optional.of(backend);
            }
        }
        return Optional.empty();
    }

    /**
     * The backend called {@code name}, ready to run.
     *
     * @throws GpuUnavailableException if it is not on the class path or cannot run in this JVM; the message says
     *                                 why and how to get it
     */
    public static GpuBackend require(String name) {
        GpuBackend backend = find(name).orElseThrow(() -> new GpuUnavailableException("GPU backend '" + name
                + "' is not on the class path; " + HOW_TO_GET_TORNADOVM));
        Optional<String> why = backend.unavailableReason();
        if (why.isPresent()) {
            throw new GpuUnavailableException("GPU backend '" + name + "' cannot run in this JVM: " + why.get());
        }
        return backend;
    }

    /**
     * The TornadoVM backend's state for a report: its devices, or why it is not present. For {@code lux profile}.
     */
    public static String describeTornadoVm() {
        Optional<GpuBackend> backend = find(TORNADOVM);
        if (backend.isEmpty()) {
            return "TornadoVM: not present (the lux-consensus-tornadovm module is not on the class path)";
        }
        Optional<String> why = backend.get().unavailableReason();
        if (why.isPresent()) {
            return "TornadoVM: not present (" + why.get() + ")";
        }
        return "TornadoVM: " + String.join("; ", backend.get().devices());
    }
}
