package lux.consensus.tornadovm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import lux.consensus.kernels.gpu.OpenClMlDsaVerifier;
import lux.consensus.kernels.mldsa.BouncyCastleMlDsaVerifier;
import lux.consensus.kernels.mldsa.MlDsa;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaKeyPair;
import lux.consensus.kernels.mldsa.MlDsaParams;
import lux.consensus.kernels.mldsa.SimdMlDsaVerifier;
import lux.consensus.kernels.tally.SimdVoteTally;

/**
 * A short timing of ML-DSA-65 batch verification in a JVM started with TornadoVM's flags, for
 * {@code scripts/tornadovm-test.sh timing}: TornadoVM (copies included) against BouncyCastle, SIMD and, when JOCL
 * finds a device, the OpenCL backend; valid signatures of 32-byte messages under 16 keys. Best and median of
 * {@link #RUNS} runs after one warm-up run (which compiles the device code). Every answer must be all true.
 *
 * <p>Usage: {@code TornadoMlDsaTiming [batch ...]}.
 */
public final class TornadoMlDsaTiming {

    static final int KEYS = 16;
    static final int RUNS = 3;

    private TornadoMlDsaTiming() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {64, 1024, 4096};
        List<MlDsaBatchVerifier> backends = new ArrayList<>();
        backends.add(new BouncyCastleMlDsaVerifier());
        backends.add(new SimdMlDsaVerifier(SimdVoteTally.preferredBits()));
        TornadoMlDsaVerifier tornado = new TornadoMlDsaVerifier();
        backends.add(tornado);
        System.out.println("TornadoVM device: " + tornado.device());
        try {
            backends.add(new OpenClMlDsaVerifier());
        } catch (UnsupportedOperationException e) {
            System.out.println("OpenCL (JOCL) not timed: " + e.getMessage());
        }
        MlDsaParams params = MlDsaParams.ML_DSA_65;
        SplittableRandom random = new SplittableRandom(0x7133_71L);
        MlDsaKeyPair[] keys = new MlDsaKeyPair[KEYS];
        for (int i = 0; i < KEYS; i++) {
            byte[] seed = new byte[MlDsa.SEED_BYTES];
            random.nextBytes(seed);
            keys[i] = MlDsa.generate(params, seed);
        }
        System.out.printf(Locale.ROOT, "%-13s %7s %10s %10s %12s%n", "backend", "batch", "best ms", "median ms",
                "sigs/s");
        for (int n : sizes) {
            byte[][] pks = new byte[n][];
            byte[][] messages = new byte[n][];
            byte[][] signatures = new byte[n][];
            for (int i = 0; i < n; i++) {
                MlDsaKeyPair key = keys[i % KEYS];
                messages[i] = new byte[32];
                random.nextBytes(messages[i]);
                pks[i] = key.publicKey();
                signatures[i] = MlDsa.sign(key, messages[i]);
            }
            for (MlDsaBatchVerifier backend : backends) {
                boolean[][] last = new boolean[1][];
                Runnable run = () -> last[0] = backend.verify(params, pks, messages, signatures);
                run.run();
                long[] nanos = new long[RUNS];
                for (int r = 0; r < RUNS; r++) {
                    long start = System.nanoTime();
                    run.run();
                    nanos[r] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                for (boolean ok : last[0]) {
                    if (!ok) {
                        throw new AssertionError(backend.name() + " rejected a valid signature at batch " + n);
                    }
                }
                System.out.printf(Locale.ROOT, "%-13s %7d %10.1f %10.1f %12.0f%n", backend.name(), n, nanos[0] / 1e6,
                        nanos[RUNS / 2] / 1e6, n * 1e9 / nanos[0]);
            }
        }
        for (MlDsaBatchVerifier backend : backends) {
            if (backend instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
