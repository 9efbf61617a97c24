package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How OpenCL tests skip on a machine without OpenCL. Each test calls {@link #assumeDevice} before it
 * runs (from {@code @BeforeEach}), so every test is reported skipped with the reason; an assumption in
 * {@code @BeforeAll} would make Surefire report the class as "0 tests run", silently.
 */
public final class OpenClAssumptions {

    private OpenClAssumptions() {
    }

    /** Skips the calling test, naming {@code what} and the reason, when there is no OpenCL device. */
    public static void assumeDevice(String what) {
        assumeTrue(GpuDevices.available(), () -> what + " not tested: no OpenCL device: "
                + GpuDevices.unavailableReason().orElse("none"));
    }
}
