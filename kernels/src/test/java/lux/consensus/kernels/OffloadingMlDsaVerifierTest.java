package lux.consensus.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaParams;
import org.junit.jupiter.api.Test;

/** Routing by batch size, the CPU retry of a failed device batch, and the fallback without a device. */
class OffloadingMlDsaVerifierTest {

    /** A verifier that answers "item i is valid iff i is even" and counts its calls; it can be made to fail. */
    private static final class Fake implements MlDsaBatchVerifier {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        volatile RuntimeException failure;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
            calls.incrementAndGet();
            if (publicKeys.length != messages.length) {
                throw new IllegalArgumentException("lengths differ");
            }
            if (failure != null) {
                throw failure;
            }
            boolean[] ok = new boolean[publicKeys.length];
            for (int i = 0; i < ok.length; i += 2) {
                ok[i] = true;
            }
            return ok;
        }

        @Override
        public String name() {
            return name;
        }
    }

    private static boolean[] verify(MlDsaBatchVerifier v, int n) {
        return v.verify(MlDsaParams.ML_DSA_65, new byte[n][], new byte[n][], new byte[n][]);
    }

    private static boolean[] expected(int n) {
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i += 2) {
            ok[i] = true;
        }
        return ok;
    }

    @Test
    void batchesFromTheThresholdGoToTheGpuAndSmallerOnesStayOnTheCpu() {
        Fake cpu = new Fake("cpu");
        Fake gpu = new Fake("gpu");
        AtomicInteger opened = new AtomicInteger();
        OffloadingMlDsaVerifier v = new OffloadingMlDsaVerifier(cpu, () -> {
            opened.incrementAndGet();
            return gpu;
        }, 64);
        assertArrayEquals(expected(63), verify(v, 63));
        assertEquals(0, opened.get(), "the GPU opens only when a large batch comes");
        assertArrayEquals(expected(64), verify(v, 64));
        assertArrayEquals(expected(1000), verify(v, 1000));
        assertEquals(1, cpu.calls.get());
        assertEquals(2, gpu.calls.get());
        assertEquals(1, opened.get(), "opened once");
        assertEquals("cpu+gpu>=64", v.name());
    }

    @Test
    void aBatchTheDeviceFailsIsVerifiedAgainOnTheCpu() {
        Fake cpu = new Fake("cpu");
        Fake gpu = new Fake("gpu");
        gpu.failure = new GpuException("CL_OUT_OF_RESOURCES");
        OffloadingMlDsaVerifier v = new OffloadingMlDsaVerifier(cpu, () -> gpu, 8);
        assertArrayEquals(expected(9), verify(v, 9));
        assertEquals(1, cpu.calls.get());
        gpu.failure = null;
        assertArrayEquals(expected(9), verify(v, 9));
        assertEquals(2, gpu.calls.get(), "later large batches still try the GPU");
        assertEquals(1, cpu.calls.get());
    }

    @Test
    void withoutADeviceEveryBatchStaysOnTheCpu() {
        Fake cpu = new Fake("cpu");
        AtomicInteger opened = new AtomicInteger();
        OffloadingMlDsaVerifier v = new OffloadingMlDsaVerifier(cpu, () -> {
            opened.incrementAndGet();
            throw new GpuUnavailableException("no OpenCL platform");
        }, 2);
        assertArrayEquals(expected(5), verify(v, 5));
        assertArrayEquals(expected(7), verify(v, 7));
        assertEquals(2, cpu.calls.get());
        assertEquals(1, opened.get(), "a missing device is not looked for again");
    }

    @Test
    void badArgumentsAreThrownNotRetried() {
        Fake cpu = new Fake("cpu");
        Fake gpu = new Fake("gpu");
        OffloadingMlDsaVerifier v = new OffloadingMlDsaVerifier(cpu, () -> gpu, 2);
        assertThrows(IllegalArgumentException.class,
                () -> v.verify(MlDsaParams.ML_DSA_65, new byte[4][], new byte[3][], new byte[4][]));
        assertEquals(0, cpu.calls.get());
        assertThrows(IllegalArgumentException.class, () -> new OffloadingMlDsaVerifier(cpu, () -> gpu, 0));
        assertThrows(NullPointerException.class, () -> v.register(null));
        assertFalse(v.register(new byte[1952]), "a CPU verifier without a registry holds no keys");
        assertEquals(0, v.registeredKeys());
        assertTrue(v.toString().contains("cpu+gpu>=2"));
    }
}
