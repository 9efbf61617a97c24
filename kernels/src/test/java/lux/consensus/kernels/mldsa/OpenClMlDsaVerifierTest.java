package lux.consensus.kernels.mldsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.OpenClAssumptions;
import lux.consensus.kernels.gpu.OpenClMlDsaVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract for the OpenCL backend, on the preferred OpenCL device (PoCL's CPU device in CI, the GPU in
 * {@code scripts/gpu-check.sh}); every test skips, saying why, without a device. Besides the base sizes, batches
 * around the work-group size (63, 64, 65, 127, 128, 129) and of 1000 (about a second on PoCL's two-core CPU device).
 */
class OpenClMlDsaVerifierTest extends MlDsaBatchVerifierTestCase {

    private static OpenClMlDsaVerifier verifier;

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL ML-DSA verifier");
    }

    @Override
    MlDsaBatchVerifier verifier() {
        synchronized (OpenClMlDsaVerifierTest.class) {
            if (verifier == null && GpuDevices.available()) {
                verifier = new OpenClMlDsaVerifier();
            }
            return verifier;
        }
    }

    @AfterAll
    static void closeDevice() {
        synchronized (OpenClMlDsaVerifierTest.class) {
            if (verifier != null) {
                verifier.close();
                verifier = null;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MlDsaParams.class)
    void matchesBouncyCastleAroundTheWorkGroupSize(MlDsaParams params) {
        SplittableRandom random = new SplittableRandom(params.ordinal() * 31L + 5);
        for (int size : new int[] {63, 64, 65, 127, 128, 129, 1000}) {
            byte[][] keys = new byte[size][];
            byte[][] messages = new byte[size][];
            byte[][] signatures = new byte[size][];
            boolean[] implied = new boolean[size];
            for (int i = 0; i < size; i++) {
                Damage damage = random.nextInt(4) != 0 ? Damage.NONE
                        : Damage.values()[1 + random.nextInt(Damage.values().length - 1)];
                item(params, damage, random, i, keys, messages, signatures);
                implied[i] = damage.valid;
            }
            boolean[] actual = verifier().verify(params, keys, messages, signatures);
            assertArrayEquals(implied, actual, params + " batch of " + size);
            assertArrayEquals(oracle(params, keys, messages, signatures), actual, params + " batch of " + size);
        }
    }
}
