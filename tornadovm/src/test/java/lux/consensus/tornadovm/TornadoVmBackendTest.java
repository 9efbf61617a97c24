package lux.consensus.tornadovm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lux.consensus.kernels.Kernels;
import lux.consensus.kernels.gpu.GpuBackend;
import lux.consensus.kernels.gpu.GpuBackends;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.tally.VoteTally;
import org.junit.jupiter.api.Test;

/** The backend as the kernels module finds it: by name through ServiceLoader, usable under TornadoVM only. */
class TornadoVmBackendTest {

    @Test
    void theKernelsModuleFindsItByName() {
        GpuBackend backend = GpuBackends.find(GpuBackends.TORNADOVM).orElseThrow();
        assertEquals(TornadoVmBackend.class, backend.getClass());
    }

    @Test
    void outsideTornadoVmItSaysWhyAndHowToRunIt() {
        if (TornadoVm.absentReason().isEmpty()) {
            return; // under TornadoVM: the tests below cover it
        }
        String why = new TornadoVmBackend().unavailableReason().orElseThrow();
        assertTrue(why.contains("tornado --printJavaFlags"), why);
        GpuUnavailableException e = assertThrows(GpuUnavailableException.class,
                () -> GpuBackends.require(GpuBackends.TORNADOVM));
        assertTrue(e.getMessage().contains("cannot run in this JVM"), e.getMessage());
        assertThrows(GpuUnavailableException.class, TornadoVoteTally::new);
        assertTrue(GpuBackends.describeTornadoVm().startsWith("TornadoVM: not present"));
    }

    @Test
    void underTornadoVmItListsDevicesAndTheSelectionPicksIt() {
        TornadoAssumptions.assumeTornadoVm();
        GpuBackend backend = GpuBackends.require(GpuBackends.TORNADOVM);
        assertFalse(backend.devices().isEmpty());
        assertTrue(GpuBackends.describeTornadoVm().contains("[default]"), GpuBackends.describeTornadoVm());
        // The only use of Kernels in this module's tests, so the properties below decide its first choice.
        System.setProperty(Kernels.KERNELS_PROPERTY, "gpu");
        System.setProperty(Kernels.GPU_PROPERTY, "tornadovm");
        VoteTally selected = Kernels.voteTally();
        assertEquals("tornadovm", selected.name());
        TornadoVoteTallyTest.compare(selected, new SplittableRandom(5), 300, 21, 3);
    }
}
