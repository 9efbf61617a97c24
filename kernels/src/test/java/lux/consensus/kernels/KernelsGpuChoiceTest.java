package lux.consensus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lux.consensus.kernels.Kernels.Backend;
import lux.consensus.kernels.Kernels.Choice;
import lux.consensus.kernels.gpu.GpuBackends;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import org.junit.jupiter.api.Test;

/** {@code lux.gpu}: which GPU backend {@code lux.kernels=gpu} builds, and the failure without TornadoVM. */
class KernelsGpuChoiceTest {

    @Test
    void openClIsTheDefault() {
        assertNull(Kernels.externalGpu(null));
        assertNull(Kernels.externalGpu(""));
        assertNull(Kernels.externalGpu(" OpenCL "));
    }

    @Test
    void tornadoVmIsFoundByName() {
        assertEquals(GpuBackends.TORNADOVM, Kernels.externalGpu("tornadovm"));
        assertEquals(GpuBackends.TORNADOVM, Kernels.externalGpu(" TornadoVM "));
    }

    @Test
    void anUnknownGpuBackendIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.externalGpu("cuda"));
        assertEquals("lux.gpu must be opencl or tornadovm, got 'cuda'", e.getMessage());
    }

    @Test
    void tornadoVmWithoutItsModuleFailsSayingHowToGetIt() {
        // This module's tests never have the tornadovm module on the class path.
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class,
                () -> GpuBackends.require(GpuBackends.TORNADOVM));
        assertTrue(e.getMessage().contains("'tornadovm' is not on the class path"), e.getMessage());
        assertTrue(e.getMessage().contains("-Ptornadovm"), e.getMessage());
        assertTrue(e.getMessage().contains("tornado --printJavaFlags"), e.getMessage());
        assertTrue(GpuBackends.describeTornadoVm().startsWith("TornadoVM: not present"), GpuBackends.describeTornadoVm());
    }

    @Test
    void forcedGpuWithTornadoVmSelectedThrowsInsteadOfFallingBack() {
        String before = System.getProperty(Kernels.GPU_PROPERTY);
        System.setProperty(Kernels.GPU_PROPERTY, "tornadovm");
        try {
            GpuUnavailableException e = assertThrows(GpuUnavailableException.class,
                    () -> Kernels.buildMlDsa(new Choice(Backend.GPU, 0, true, null)));
            assertTrue(e.getMessage().contains("tornadovm"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(Kernels.GPU_PROPERTY);
            } else {
                System.setProperty(Kernels.GPU_PROPERTY, before);
            }
        }
    }
}
