package lux.consensus.kernels.mldsa;

import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.OpenClAssumptions;
import lux.consensus.kernels.gpu.OpenClMlDsaVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** Wycheproof through {@link OpenClMlDsaVerifier} on the preferred OpenCL device; skips without one. */
class OpenClMlDsaWycheproofVectorsTest extends WycheproofMlDsaBackendTestCase {

    private static OpenClMlDsaVerifier verifier;

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL ML-DSA verifier on the Wycheproof vectors");
    }

    @Override
    MlDsaBatchVerifier verifier() {
        synchronized (OpenClMlDsaWycheproofVectorsTest.class) {
            if (verifier == null && GpuDevices.available()) {
                verifier = new OpenClMlDsaVerifier();
            }
            return verifier;
        }
    }

    @AfterAll
    static void closeDevice() {
        synchronized (OpenClMlDsaWycheproofVectorsTest.class) {
            if (verifier != null) {
                verifier.close();
                verifier = null;
            }
        }
    }
}
