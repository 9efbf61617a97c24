package lux.consensus.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.ByteVector;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;
import lux.consensus.kernels.tally.SimdVoteTally;
import lux.consensus.kernels.tally.VoteTally;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The selection in this test JVM, which runs with {@code --add-modules jdk.incubator.vector} and C2.
 * The surefire executions vector-128 and vector-256 rerun this with {@code -XX:MaxVectorSize=16} and
 * {@code 32}, so the backend really runs at 128 and 256 bits there.
 */
class KernelsTest {

    @Test
    void thisJvmCanRunSimd() {
        assertTrue(JvmFeatures.vectorModulePresent(), "tests run with --add-modules jdk.incubator.vector");
        assertTrue(JvmFeatures.c2Available(), "tests run with C2; java.vm.info=" + System.getProperty("java.vm.info"));
    }

    @Test
    void selectsSimdAtThePreferredWidth() {
        VoteTally tally = Kernels.voteTally();
        int preferred = ByteVector.SPECIES_PREFERRED.vectorBitSize();
        assertTrue(tally instanceof SimdVoteTally, "selected " + tally);
        assertEquals(preferred, tally.vectorBits(), "MaxVectorSize=" + maxVectorSize());
        assertEquals("simd-" + preferred, tally.name());
        assertEquals("tally=simd-" + preferred + " mldsa=simd-" + preferred, Kernels.describe());
        System.out.println("Kernels: " + Kernels.describe() + " (MaxVectorSize=" + maxVectorSize() + ")");
    }

    @Test
    void runsNoWiderThanTheExecutionAllows() {
        // Set by the surefire executions vector-128 / vector-256 next to -XX:MaxVectorSize=16 / 32: proves
        // the cap took effect, so those runs really test the narrower widths. SIMD is never below 128 bits,
        // so a cap of 128 pins the width to exactly 128.
        String max = System.getProperty("lux.test.maxVectorBits");
        Assumptions.assumeTrue(max != null, "lux.test.maxVectorBits is set only by the capped executions");
        int bits = Kernels.voteTally().vectorBits();
        assertTrue(bits >= 128 && bits <= Integer.parseInt(max), "selected width " + bits + " with cap " + max);
    }

    @Test
    void selectsOnce() {
        assertSame(Kernels.voteTally(), Kernels.voteTally());
        assertSame(Kernels.mlDsaVerifier(), Kernels.mlDsaVerifier());
    }

    @Test
    void mlDsaUsesTheSimdVerifierAtThePreferredWidth() {
        int preferred = ByteVector.SPECIES_PREFERRED.vectorBitSize();
        assertTrue(Kernels.mlDsaVerifier() instanceof SimdMlDsaVerifier, "selected " + Kernels.mlDsaVerifier());
        assertEquals("simd-" + preferred, Kernels.mlDsaVerifier().name());
    }

    @Test
    void selectedBackendCountsAShortPollBatch() {
        // Three k=21 polls: poll p votes 0 (p + 1) times, 1 eight times, the rest NO_VOTE.
        byte[] votes = new byte[3 * 21];
        Arrays.fill(votes, VoteTally.NO_VOTE);
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < p + 1; i++) {
                votes[p * 21 + i] = 0;
            }
            for (int i = 10; i < 18; i++) {
                votes[p * 21 + i] = 1;
            }
        }
        int[] counts = new int[6];
        Kernels.voteTally().tally(votes, 3, 21, 2, counts);
        assertEquals(List.of(1, 8, 2, 8, 3, 8), Arrays.stream(counts).boxed().toList());
    }

    private static String maxVectorSize() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("-XX:MaxVectorSize")).findFirst().orElse("default");
    }
}
