package lux.consensus.tornadovm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;

/**
 * Whether this JVM runs under TornadoVM, and its devices. TornadoVM's classes are touched only after
 * {@link #absentReason()} found its runtime, so nothing here fails with a linkage error in a plain JVM.
 */
final class TornadoVm {

    /** The module TornadoVM's launcher puts in the boot layer. */
    static final String RUNTIME_MODULE = "tornado.runtime";
    /** What to tell a user running without TornadoVM. */
    static final String HOW_TO_RUN = "start the JVM with TornadoVM's flags (run it through TornadoVM's launcher, or add"
            + " what 'tornado --printJavaFlags' prints; README section 'TornadoVM' says how to build TornadoVM)";

    private TornadoVm() {
    }

    /** Why TornadoVM cannot run here, with what to do; empty when it can and has a device. */
    static Optional<String> absentReason() {
        if (ModuleLayer.boot().findModule(RUNTIME_MODULE).isEmpty()) {
            return Optional.of("module " + RUNTIME_MODULE + " is not loaded: " + HOW_TO_RUN);
        }
        try {
            if (devices().isEmpty()) {
                return Optional.of("TornadoVM found no device (for OpenCL on a CPU install PoCL: pocl-opencl-icd)");
            }
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("TornadoVM did not start: " + e);
        }
        return Optional.empty();
    }

    /** Every device of every TornadoVM backend, backend by backend. */
    static List<TornadoDevice> devices() {
        List<TornadoDevice> all = new ArrayList<>();
        for (TornadoBackend backend : TornadoExecutionPlan.getTornadoDeviceMap().getAllBackends()) {
            for (int i = 0; i < backend.getNumDevices(); i++) {
                all.add(backend.getDevice(i));
            }
        }
        return all;
    }

    /** TornadoVM's default device (its {@code -Dtornado.device} choice, else backend 0, device 0). */
    static TornadoDevice defaultDevice() {
        return TornadoExecutionPlan.DEFAULT_DEVICE;
    }

    /** One line about a device: backend, name, memory. */
    static String describe(TornadoDevice device) {
        return String.format(Locale.ROOT, "%s %s (%s, %d MiB global, %d MiB largest buffer)",
                device.getTornadoVMBackend(), device.getPhysicalDevice().getDeviceName(), device.getPlatformName(),
                device.getMaxGlobalMemory() >> 20, device.getMaxAllocMemory() >> 20);
    }
}
