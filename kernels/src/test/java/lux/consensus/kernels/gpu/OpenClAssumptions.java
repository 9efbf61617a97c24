package lux.consensus.kernels.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;

/**
 * How OpenCL tests skip on a machine without OpenCL. Each test calls {@link #assumeDevice} before it
 * runs (from {@code @BeforeEach}), so every test is reported skipped with the reason; an assumption in
 * {@code @BeforeAll} would make Surefire report the class as "0 tests run", silently.
 */
public final class OpenClAssumptions {

    private OpenClAssumptions() {
    }

    /** Environment variable that makes a missing device a failure: set by CI once it has installed PoCL. */
    static final String REQUIRE_DEVICE = "LUX_REQUIRE_OPENCL";

    /**
     * Skips the calling test, naming {@code what} and the reason, when there is no OpenCL device; fails it instead
     * where {@value #REQUIRE_DEVICE}{@code =1}, so a CI machine cannot skip the OpenCL tests unnoticed.
     */
    public static void assumeDevice(String what) {
        Supplier<String> reason = () -> what + " not tested: no OpenCL device: "
                + GpuDevices.unavailableReason().orElse("none");
        if ("1".equals(System.getenv(REQUIRE_DEVICE))) {
            assertTrue(GpuDevices.available(), () -> reason.get() + " (" + REQUIRE_DEVICE + "=1)");
        }
        assumeTrue(GpuDevices.available(), reason);
    }
}
