package lux.consensus.kernels.gpu;

import static lux.consensus.kernels.gpu.OpenClMlDsaNtt.N;
import static lux.consensus.kernels.gpu.OpenClMlDsaNtt.Q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ML-DSA NTT on the OpenCL device against schoolbook arithmetic in Z_q[X]/(X^256 + 1). */
class OpenClMlDsaNttTest {

    private static OpenClContext context;
    private static OpenClMlDsaNtt ntt;

    @BeforeAll
    static void openDevice() {
        if (!GpuDevices.available()) {
            return; // each test skips, saying why (requireDevice)
        }
        context = GpuDevices.open();
        ntt = new OpenClMlDsaNtt(context);
    }

    @BeforeEach
    void requireDevice() {
        OpenClAssumptions.assumeDevice("OpenCL ML-DSA NTT");
    }

    @AfterAll
    static void closeDevice() {
        if (ntt != null) {
            ntt.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void zetasStartAsInTheStandard() {
        // FIPS 204 Appendix B: zetas[1..3]. zetas[0] = zeta^0 = 1 is never used by Algorithms 41 and 42.
        assertArrayEquals(new int[] {1, 4808194, 3765607, 3761513}, Arrays.copyOf(OpenClMlDsaNtt.zetas(), 4));
    }

    @Test
    void inverseUndoesTheTransform() {
        SplittableRandom random = new SplittableRandom(0x4E77_0001L);
        for (int polys : new int[] {1, 63, 64, 65}) {
            int[] original = randomPolys(random, polys);
            int[] work = original.clone();
            ntt.ntt(work);
            assertFalse(Arrays.equals(original, work), "the transform changed nothing");
            ntt.inverseNtt(work);
            assertArrayEquals(original, work, polys + " polynomials");
        }
    }

    @Test
    void multipliesLikeTheSchoolbook() {
        SplittableRandom random = new SplittableRandom(0x4E77_0002L);
        for (int polys : new int[] {1, 7, 65}) {
            int[] a = randomPolys(random, polys);
            int[] b = randomPolys(random, polys);
            // Boundary coefficients: all q - 1 in the first polynomial of a.
            Arrays.fill(a, 0, N, Q - 1);
            int[] product = ntt.multiply(a.clone(), b.clone());
            for (int p = 0; p < polys; p++) {
                assertArrayEquals(schoolbook(Arrays.copyOfRange(a, p * N, p * N + N), Arrays.copyOfRange(b, p * N, p * N + N)),
                        Arrays.copyOfRange(product, p * N, p * N + N), "polynomial " + p + " of " + polys);
            }
        }
    }

    @Test
    void splitsBatchesThatPassTheMemoryBudget() {
        SplittableRandom random = new SplittableRandom(0x4E77_0003L);
        int[] original = randomPolys(random, 40);
        try (OpenClMlDsaNtt small = new OpenClMlDsaNtt(context, 3 * 1024 * 3)) { // 3 polynomials per multiply chunk
            int[] work = original.clone();
            small.ntt(work);
            int[] whole = original.clone();
            ntt.ntt(whole);
            assertArrayEquals(whole, work);
            int[] b = randomPolys(random, 40);
            assertArrayEquals(ntt.multiply(original.clone(), b.clone()), small.multiply(original.clone(), b.clone()));
        }
    }

    @Test
    void rejectsCoefficientsOutOfRange() {
        int[] bad = new int[N];
        bad[5] = Q;
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> ntt.ntt(bad));
        assertEquals("coefficients[5] must satisfy 0 <= c < q = 8380417, got 8380417", thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ntt.ntt(new int[N + 1]));
    }

    /** a * b mod (X^256 + 1, q): X^256 = -1, so a term landing at i + j >= 256 is subtracted at i + j - 256. */
    private static int[] schoolbook(int[] a, int[] b) {
        long[] c = new long[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                long term = (long) a[i] * b[j] % Q;
                int k = i + j;
                if (k < N) {
                    c[k] = (c[k] + term) % Q;
                } else {
                    c[k - N] = (c[k - N] - term + Q) % Q;
                }
            }
        }
        int[] result = new int[N];
        for (int i = 0; i < N; i++) {
            result[i] = (int) c[i];
        }
        return result;
    }

    private static int[] randomPolys(SplittableRandom random, int polys) {
        int[] coefficients = new int[polys * N];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = random.nextInt(Q);
        }
        return coefficients;
    }
}
