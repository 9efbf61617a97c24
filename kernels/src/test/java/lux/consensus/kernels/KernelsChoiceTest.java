package lux.consensus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lux.consensus.kernels.Kernels.Backend;
import lux.consensus.kernels.gpu.GpuDevices;
import lux.consensus.kernels.gpu.GpuUnavailableException;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.Kernels.Choice;
import lux.consensus.kernels.mldsa.MlDsaKeyRegistry;
import lux.consensus.kernels.profile.HardwareProfile;
import lux.consensus.kernels.profile.HardwareProfiles;
import org.junit.jupiter.api.Test;

/** The selection rule as a table: properties and JVM features in, backend (or failure) out. */
class KernelsChoiceTest {

    private static final boolean MODULE = true;
    private static final boolean NO_MODULE = false;
    private static final boolean C2 = true;
    private static final boolean NO_C2 = false;

    private static Choice choose(String kernels, String bits, boolean module, boolean c2, int preferred) {
        return Kernels.choose(kernels, bits, module, c2, preferred);
    }

    private static void assertSimd(int bits, boolean forced, Choice choice) {
        assertEquals(new Choice(Backend.SIMD, bits, forced, null), choice);
    }

    @Test
    void autoPicksSimdAtThePreferredWidthWhenUsable() {
        assertSimd(512, false, choose(null, null, MODULE, C2, 512));
        assertSimd(256, false, choose("auto", null, MODULE, C2, 256));
        assertSimd(128, false, choose(" AUTO ", "", MODULE, C2, 128));
        assertSimd(128, false, choose("", null, MODULE, C2, 128));
    }

    @Test
    void vectorBitsForcesTheWidth() {
        assertSimd(128, false, choose(null, "128", MODULE, C2, 512));
        assertSimd(512, false, choose("auto", "512", MODULE, C2, 256));
        assertSimd(256, true, choose("simd", " 256 ", MODULE, C2, 512));
        // A forced width does not need the preferred vector to reach 128 bits.
        assertSimd(128, true, choose("simd", "128", MODULE, C2, 64));
    }

    @Test
    void autoFallsBackToScalarSayingWhyAndHow() {
        Choice noModule = choose(null, null, NO_MODULE, C2, 0);
        assertEquals(Backend.SCALAR, noModule.backend());
        assertTrue(noModule.fallbackWhy().contains("jdk.incubator.vector is not in the boot layer"), noModule.fallbackWhy());
        assertTrue(noModule.fallbackWhy().contains("run the JVM with --add-modules jdk.incubator.vector"), noModule.fallbackWhy());

        Choice noC2 = choose("auto", null, MODULE, NO_C2, 256);
        assertEquals(Backend.SCALAR, noC2.backend());
        assertTrue(noC2.fallbackWhy().contains("C2"), noC2.fallbackWhy());
        assertTrue(noC2.fallbackWhy().contains("--add-modules jdk.incubator.vector"), noC2.fallbackWhy());

        Choice narrow = choose("auto", null, MODULE, C2, 64);
        assertEquals(Backend.SCALAR, narrow.backend());
        assertTrue(narrow.fallbackWhy().contains("64 bits"), narrow.fallbackWhy());

        // A forced width cannot make up for a missing module.
        assertEquals(Backend.SCALAR, choose("auto", "256", NO_MODULE, C2, 0).backend());
    }

    @Test
    void scalarIsAlwaysAvailable() {
        for (boolean module : new boolean[] {true, false}) {
            for (boolean c2 : new boolean[] {true, false}) {
                Choice choice = choose("scalar", null, module, c2, module ? 256 : 0);
                assertEquals(new Choice(Backend.SCALAR, 0, true, null), choice);
                assertNull(choice.fallbackWhy());
            }
        }
        assertEquals(Backend.SCALAR, choose("Scalar", "128", MODULE, C2, 512).backend());
    }

    @Test
    void forcedSimdFailsLoudlyWhenItCannotRun() {
        UnsupportedOperationException noModule = assertThrows(UnsupportedOperationException.class,
                () -> choose("simd", null, NO_MODULE, C2, 0));
        assertTrue(noModule.getMessage().startsWith("lux.kernels=simd cannot be honoured: module jdk.incubator.vector"),
                noModule.getMessage());
        assertTrue(noModule.getMessage().contains("--add-modules jdk.incubator.vector"), noModule.getMessage());

        UnsupportedOperationException noC2 = assertThrows(UnsupportedOperationException.class,
                () -> choose("simd", "256", MODULE, NO_C2, 256));
        assertTrue(noC2.getMessage().contains("C2"), noC2.getMessage());

        UnsupportedOperationException narrow = assertThrows(UnsupportedOperationException.class,
                () -> choose("simd", null, MODULE, C2, 64));
        assertTrue(narrow.getMessage().contains("64 bits"), narrow.getMessage());
    }

    @Test
    void mlDsaIsSimdForTheSimdChoiceAndBouncyCastleForScalar() {
        // lux.kernels=scalar keeps the BouncyCastle reference; the SIMD choice runs the SIMD verifier.
        assertEquals("bouncycastle", Kernels.buildMlDsa(choose("scalar", null, MODULE, C2, 512)).name());
        assertEquals("simd-512", Kernels.buildMlDsa(choose("auto", null, MODULE, C2, 512)).name());
        assertEquals("bouncycastle", Kernels.buildMlDsa(choose("auto", null, NO_MODULE, C2, 0)).name());
        assertEquals("simd-128", Kernels.buildMlDsa(choose("simd", "128", MODULE, C2, 512)).name());
    }

    @Test
    void gpuIsAForcedChoiceAndMlDsaGoesToOpenCl() throws Exception {
        Kernels.Choice gpu = choose("gpu", null, MODULE, C2, 512);
        assertEquals(new Kernels.Choice(Kernels.Backend.GPU, 0, true, null), gpu);
        if (GpuDevices.available()) {
            MlDsaBatchVerifier verifier = Kernels.buildMlDsa(gpu);
            assertEquals("opencl", verifier.name());
            ((AutoCloseable) verifier).close();
        } else {
            assertThrows(GpuUnavailableException.class, () -> Kernels.buildMlDsa(gpu));
        }
    }

    @Test
    void unknownValuesAreNamed() {
        IllegalArgumentException kernels = assertThrows(IllegalArgumentException.class,
                () -> choose("avx", null, MODULE, C2, 512));
        assertEquals("lux.kernels must be auto, scalar, simd or gpu, got 'avx'", kernels.getMessage());

        for (String bits : new String[] {"64", "1024", "wide", "256bits", "-128"}) {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> choose("auto", bits, MODULE, C2, 512));
            assertEquals("lux.vector.bits must be 128, 256 or 512, got '" + bits + "'", thrown.getMessage());
        }
        // A bad width is reported even when scalar is forced: the configuration is wrong either way.
        assertThrows(IllegalArgumentException.class, () -> choose("scalar", "100", MODULE, C2, 512));
    }

    private static Choice choose(String kernels, String bits, int preferred, String profile, String kernel) {
        return Kernels.choose(kernels, bits, MODULE, C2, preferred, HardwareProfiles.named(profile), kernel);
    }

    @Test
    void inAutoModeTheHardwareProfileDecidesPerKernel() {
        // x86-64-avx2 names simd 256 for both kernels, whatever the preferred width.
        assertSimd(256, false, choose(null, null, 512, "x86-64-avx2", "voteTally"));
        assertSimd(256, false, choose("auto", null, 256, "x86-64-avx2", "mlDsaVerify"));
        // generic leaves both to the rule: SIMD at the preferred width.
        assertSimd(128, false, choose(null, null, 128, "generic", "mlDsaVerify"));
        assertSimd(512, false, choose(null, null, 512, "generic", "voteTally"));
        // A kernel the profile does not name, or no profile at all: the rule.
        assertSimd(256, false, choose(null, null, 256, "generic", "noSuchKernel"));
        assertSimd(256, false, Kernels.choose(null, null, MODULE, C2, 256, null, "voteTally"));
    }

    @Test
    void aProfileSayingScalarPicksScalarWithoutAWarning() {
        HardwareProfile scalarTally = new HardwareProfile("test-scalar", "", new HardwareProfile.Match("any", null, 0, null, 0),
                Map.of("voteTally", new HardwareProfile.KernelSettings("scalar", 0, 0, 0)), null);
        assertEquals(new Choice(Backend.SCALAR, 0, false, null),
                Kernels.choose(null, null, MODULE, C2, 512, scalarTally, "voteTally"));
    }

    @Test
    void propertiesWinOverTheProfile() {
        assertSimd(128, false, choose(null, "128", 512, "x86-64-avx2", "voteTally"));
        assertEquals(Backend.SCALAR, choose("scalar", null, 512, "x86-64-avx2", "voteTally").backend());
        assertSimd(512, true, choose("simd", null, 512, "x86-64-avx2", "mlDsaVerify"));
    }

    @Test
    void aProfileSayingSimdFallsBackToScalarSayingWhyWhenSimdCannotRun() {
        Choice choice = Kernels.choose(null, null, NO_MODULE, C2, 0, HardwareProfiles.named("x86-64-avx2"), "voteTally");
        assertEquals(Backend.SCALAR, choice.backend());
        assertTrue(choice.fallbackWhy().contains("--add-modules jdk.incubator.vector"), choice.fallbackWhy());
    }

    @Test
    void theGpuProfileOffloadsFromItsMeasuredThresholds() {
        Choice mlDsa = choose(null, null, 512, "nvidia-gpu", "mlDsaVerify");
        assertEquals(new Choice(Backend.SIMD, 512, false, null, 64), mlDsa);
        MlDsaBatchVerifier verifier = Kernels.buildMlDsa(mlDsa);
        assertEquals("simd-512+gpu>=64", verifier.name());
        assertTrue(verifier instanceof MlDsaKeyRegistry, "keys still register with the CPU verifier");
        Choice tally = choose(null, null, 512, "nvidia-gpu", "voteTally");
        assertEquals(new Choice(Backend.SIMD, 512, false, null, 65536), tally);
        assertEquals("simd-512+gpu>=65536", Kernels.buildVoteTally(tally).name());
    }
}
