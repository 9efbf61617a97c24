package lux.consensus.kernels.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HardwareInfo#detect} over captured and hand-written /proc/cpuinfo texts. */
class HardwareInfoTest {

    static String fixture(String name) {
        try (InputStream in = HardwareInfoTest.class.getResourceAsStream("/cpuinfo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static HardwareInfo amdEpycAvx2() {
        return HardwareInfo.detect(fixture("amd-epyc-avx2.txt"), "amd64", 2, 256, List.of());
    }

    static HardwareInfo intelAvx512() {
        return HardwareInfo.detect(fixture("intel-xeon-avx512.txt"), "amd64", 2, 512, List.of());
    }

    static HardwareInfo appleM1() {
        return HardwareInfo.detect(fixture("apple-m1-asahi.txt"), "aarch64", 8, 128, List.of());
    }

    @Test
    void amdEpycWithAvx2IsDetected() {
        HardwareInfo hw = amdEpycAvx2();
        assertEquals("x86_64", hw.arch());
        assertEquals(2, hw.cores());
        assertEquals("AMD", hw.vendor());
        assertEquals("AMD EPYC", hw.cpuModel());
        assertTrue(hw.hasFlag("avx2"));
        assertFalse(hw.hasFlag("avx512f"));
        assertEquals(HardwareInfo.AVX2, hw.vectorIsa());
        assertEquals(256, hw.preferredVectorBits());
        assertTrue(hw.openClDevices().isEmpty());
    }

    @Test
    void intelXeonWithAvx512IsDetected() {
        HardwareInfo hw = intelAvx512();
        assertEquals("Intel", hw.vendor());
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", hw.cpuModel());
        assertTrue(hw.hasFlag("AVX512BW"), "flags are matched case-insensitively");
        assertEquals(HardwareInfo.AVX512, hw.vectorIsa());
        assertTrue(hw.cpuFlags().contains("avx512_vnni"), "flags come from the first processor block");
    }

    @Test
    void appleM1UnderLinuxIsDetectedFromImplementerAndPart() {
        HardwareInfo hw = appleM1();
        assertEquals("aarch64", hw.arch());
        assertEquals("Apple", hw.vendor());
        assertEquals("Apple M1", hw.cpuModel());
        assertTrue(hw.hasFlag("asimd"));
        assertEquals(HardwareInfo.NEON, hw.vectorIsa());
        assertEquals(8, hw.cores());
    }

    @Test
    void macOsWithoutCpuinfoStillKnowsNeon() {
        HardwareInfo hw = HardwareInfo.detect("", "aarch64", 10, 128, List.of());
        assertEquals(HardwareInfo.NEON, hw.vectorIsa(), "Advanced SIMD is mandatory on ARMv8-A");
        assertEquals("unknown", hw.vendor());
    }

    @Test
    void unknownMachineGivesUnknownsNotErrors() {
        HardwareInfo hw = HardwareInfo.detect(null, "riscv64", 0, 0, List.of());
        assertEquals("riscv64", hw.arch());
        assertEquals(1, hw.cores(), "at least one core");
        assertEquals("unknown", hw.cpuModel());
        assertEquals(HardwareInfo.NONE, hw.vectorIsa());
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        HardwareInfo hw = HardwareInfo.detect(fixture("amd-epyc-avx2.txt").replace("\n", "\r\n"), "x86_64", 2, 256, List.of());
        assertEquals("AMD EPYC", hw.cpuModel());
        assertEquals(HardwareInfo.AVX2, hw.vectorIsa());
    }

    @Test
    void nvidiaDevicesAreRecognised() {
        HardwareInfo hw = HardwareInfo.detect("", "x86_64", 16, 256, List.of("NVIDIA H100 80GB HBM3"));
        assertTrue(hw.hasNvidiaGpu());
        assertFalse(amdEpycAvx2().hasNvidiaGpu());
    }

    @Test
    void archIsNormalised() {
        assertEquals("x86_64", HardwareInfo.normalizeArch("amd64"));
        assertEquals("aarch64", HardwareInfo.normalizeArch("arm64"));
        assertEquals("unknown", HardwareInfo.normalizeArch(null));
    }

    @Test
    void thisMachineIsDetectedWithoutErrors() {
        HardwareInfo hw = HardwareInfo.ofThisMachine();
        assertTrue(hw.cores() >= 1);
        assertFalse(hw.summary().isBlank());
        System.out.println("This machine: " + hw.summary());
    }

    @Test
    void negativeValuesAreRejectedByTheRecord() {
        assertThrows(IllegalArgumentException.class,
                () -> new HardwareInfo("x86_64", 0, "AMD", "x", new java.util.TreeSet<>(), 0, List.of()));
    }
}
