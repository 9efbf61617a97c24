package lux.consensus.kernels.gpu;

import java.util.Objects;

/**
 * The ML-DSA NTT (FIPS 204 Algorithms 41, 42, 45) on an OpenCL device, one polynomial per work-item
 * ({@code mldsa_ntt.cl}): the arithmetic piece of the coming ML-DSA verification kernel, tested against
 * schoolbook multiplication in Z_q[X]/(X^256 + 1).
 *
 * <p>Polynomials travel flat: polynomial i is {@code coefficients[256*i .. 256*i + 256)}, each coefficient
 * in {@code [0, q)}. Batches run in chunks that fit the memory budget. Calls are serialized; close it
 * to release the kernels (the context stays the caller's).
 */
public final class OpenClMlDsaNtt implements AutoCloseable {

    static final String SOURCE = "lux/consensus/kernels/gpu/mldsa_ntt.cl";
    /** The ML-DSA modulus q = 2^23 - 2^13 + 1. */
    public static final int Q = 8_380_417;
    /** Coefficients per polynomial. */
    public static final int N = 256;
    /** A primitive 512th root of unity mod q (FIPS 204 section 7.5). */
    static final int ZETA = 1753;

    private final OpenClContext context;
    private final long budgetBytes;
    private final OpenClProgram program;
    private final OpenClKernel ntt;
    private final OpenClKernel inverse;
    private final OpenClKernel multiply;
    private final OpenClBuffer zetas;
    private final Object lock = new Object();

    /**
     * Builds the kernels on a context the caller owns.
     *
     * @throws GpuException if they do not build there
     */
    public OpenClMlDsaNtt(OpenClContext context) {
        this(context, -1);
    }

    /** For tests: a memory budget far below the device's, so that batches split into chunks. */
    OpenClMlDsaNtt(OpenClContext context, long budgetBytes) {
        this.context = context;
        this.budgetBytes = budgetBytes > 0 ? budgetBytes : context.memoryBudgetBytes();
        this.program = context.buildResource(SOURCE, "");
        OpenClKernel a = null;
        OpenClKernel b = null;
        OpenClKernel c = null;
        try {
            a = program.kernel("ntt");
            b = program.kernel("ntt_inverse");
            c = program.kernel("multiply");
            this.zetas = context.input((long) N * Integer.BYTES);
        } catch (RuntimeException e) {
            for (OpenClKernel k : new OpenClKernel[] {a, b, c}) {
                if (k != null) {
                    k.close();
                }
            }
            program.close();
            throw e;
        }
        this.ntt = a;
        this.inverse = b;
        this.multiply = c;
        int[] table = zetas();
        zetas.write(table, 0, table.length);
    }

    /** zetas[m] = ZETA^BitRev8(m) mod q for m in [0, 256) (FIPS 204 Appendix B). */
    static int[] zetas() {
        int[] table = new int[N];
        for (int m = 0; m < N; m++) {
            table[m] = (int) power(ZETA, Integer.reverse(m) >>> 24);
        }
        return table;
    }

    private static long power(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = result * base % Q;
        }
        return result;
    }

    /** Replaces each polynomial by its NTT (Algorithm 41). */
    public void ntt(int[] coefficients) {
        transform(ntt, coefficients);
    }

    /** Replaces each polynomial by its inverse NTT (Algorithm 42). */
    public void inverseNtt(int[] coefficients) {
        transform(inverse, coefficients);
    }

    private void transform(OpenClKernel kernel, int[] coefficients) {
        int polys = polynomials(coefficients, "coefficients");
        if (polys == 0) {
            return;
        }
        synchronized (lock) {
            int chunk = (int) Math.min(polys, context.itemsPerChunk(budgetBytes, (long) N * Integer.BYTES));
            try (OpenClBuffer buffer = context.scratch((long) chunk * N * Integer.BYTES)) {
                kernel.arg(0, buffer).arg(2, zetas);
                for (int first = 0; first < polys; first += chunk) {
                    int n = Math.min(chunk, polys - first);
                    buffer.write(coefficients, first * N, n * N);
                    kernel.arg(1, n).run(n);
                    buffer.read(coefficients, first * N, n * N);
                }
            }
        }
    }

    /** The products {@code a[i] * b[i]} in Z_q[X]/(X^256 + 1), through the NTT (Algorithm 45). */
    public int[] multiply(int[] a, int[] b) {
        int polys = polynomials(a, "a");
        if (polynomials(b, "b") != polys) {
            throw new IllegalArgumentException("a and b must hold as many polynomials, got a.length=" + a.length
                    + " b.length=" + b.length);
        }
        int[] c = new int[a.length];
        if (polys == 0) {
            return c;
        }
        synchronized (lock) {
            long perPoly = (long) N * Integer.BYTES;
            int chunk = (int) Math.min(polys, context.itemsPerChunk(budgetBytes, perPoly, perPoly, perPoly));
            try (OpenClBuffer ba = context.scratch(chunk * perPoly);
                 OpenClBuffer bb = context.scratch(chunk * perPoly);
                 OpenClBuffer bc = context.scratch(chunk * perPoly)) {
                multiply.arg(0, ba).arg(1, bb).arg(2, bc).arg(4, zetas);
                for (int first = 0; first < polys; first += chunk) {
                    int n = Math.min(chunk, polys - first);
                    ba.write(a, first * N, n * N);
                    bb.write(b, first * N, n * N);
                    multiply.arg(3, n).run(n);
                    bc.read(c, first * N, n * N);
                }
            }
        }
        return c;
    }

    private static int polynomials(int[] coefficients, String name) {
        Objects.requireNonNull(coefficients, name + " must not be null");
        if (coefficients.length % N != 0) {
            throw new IllegalArgumentException(name + ".length must be a multiple of " + N + ", got " + coefficients.length);
        }
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] < 0 || coefficients[i] >= Q) {
                throw new IllegalArgumentException(name + "[" + i + "] must satisfy 0 <= c < q = " + Q + ", got "
                        + coefficients[i]);
            }
        }
        return coefficients.length / N;
    }

    /** Releases the kernels, the zeta table and the program; idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            multiply.close();
            inverse.close();
            ntt.close();
            zetas.close();
            program.close();
        }
    }
}
