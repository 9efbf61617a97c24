package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.D;
import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.Q;
import static lux.consensus.kernels.mldsa.MlDsaSpec.RHO_BYTES;
import static lux.consensus.kernels.mldsa.MlDsaSpec.TR_BYTES;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import lux.consensus.kernels.keccak.KeccakVector;
import lux.consensus.kernels.keccak.Shake;
import lux.consensus.kernels.keccak.ShakeLanes;

/**
 * An {@link MlDsaBatchVerifier} on the Java Vector API: FIPS 204 ML-DSA.Verify (Algorithm 3, empty context, so
 * Algorithm 8 on M' = 0 || 0 || M) for a whole batch, computing exactly what {@link JavaMlDsaVerifier} and
 * {@link BouncyCastleMlDsaVerifier} compute.
 *
 * <p>How the batch is shared out:
 * <ul>
 *   <li>Keccak: the hashing of several items runs together, one item per lane of a {@link KeccakVector}
 *       ({@link ShakeLanes}): ExpandA's SHAKE128 streams across the batch's distinct keys, tr = H(pk), mu,
 *       the SampleInBall streams, and the final c-tilde' hash;</li>
 *   <li>NTT, pointwise products and inverse NTT: one coefficient per lane ({@link MlDsaVectorMath});</li>
 *   <li>decoding, the hint and norm checks, UseHint and w1Encode: scalar ({@link MlDsaCore}), cheap.</li>
 * </ul>
 *
 * <p>Key registration ({@link #register}): A-hat, NTT(t1 2^d) and tr depend only on the key; a registered key
 * keeps them in a cache bounded by bytes ({@value #KEY_CACHE_PROPERTY}, default
 * {@value #DEFAULT_KEY_CACHE_BYTES} bytes, least recently used out), which removes ExpandA (most of a cold
 * verification) from later batches. Keys not registered are prepared for the call only (once per distinct key
 * in the batch).
 *
 * <p>Thread-safe: per-call scratch, an immutable key preparation, a locked cache. Building one without the
 * {@code jdk.incubator.vector} module throws {@link UnsupportedOperationException}.
 */
public final class SimdMlDsaVerifier implements MlDsaBatchVerifier, MlDsaKeyRegistry {

    /** Property: the key cache's budget in bytes, for the constructors that do not take one. */
    public static final String KEY_CACHE_PROPERTY = "lux.mldsa.keyCacheBytes";
    /** Default key cache budget: 64 MiB, about 870 ML-DSA-65 keys. */
    public static final long DEFAULT_KEY_CACHE_BYTES = 64L << 20;

    private static final String MODULE = "jdk.incubator.vector";

    private final int bits;
    private final KeccakVector keccak;
    private final MlDsaVectorMath math;
    private final KeyCache cache;
    private final String name;

    /**
     * The backend at one vector width with the default (or {@value #KEY_CACHE_PROPERTY}) cache budget. Every
     * width runs on every machine (the Vector API emulates widths the hardware lacks, slowly).
     *
     * @param bits 128, 256 or 512
     * @throws UnsupportedOperationException for another width or without the {@code jdk.incubator.vector} module
     */
    public SimdMlDsaVerifier(int bits) {
        this(bits, budgetFromProperty());
    }

    /**
     * @param bits          128, 256 or 512
     * @param keyCacheBytes most bytes the registered keys may hold (0 keeps none)
     * @throws UnsupportedOperationException for another width or without the {@code jdk.incubator.vector} module
     * @throws IllegalArgumentException      for a negative budget
     */
    public SimdMlDsaVerifier(int bits, long keyCacheBytes) {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            throw new UnsupportedOperationException("module " + MODULE
                    + " is not in the boot layer; run the JVM with --add-modules " + MODULE);
        }
        this.cache = new KeyCache(keyCacheBytes);
        this.keccak = KeccakVector.of(bits);
        this.math = MlDsaVectorMath.of(bits);
        this.bits = bits;
        this.name = "simd-" + bits;
    }

    private static long budgetFromProperty() {
        String value = System.getProperty(KEY_CACHE_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_KEY_CACHE_BYTES;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY_CACHE_PROPERTY + " must be a number of bytes, got '" + value + "'");
        }
    }

    /** The vector width in bits. */
    public int vectorBits() {
        return bits;
    }

    /** Items hashed together (long lanes per vector). */
    public int lanes() {
        return keccak.states();
    }

    /** The key cache's budget in bytes. */
    public long keyCacheBudget() {
        return cache.budget();
    }

    /** Bytes the registered keys hold now. */
    public long registeredBytes() {
        return cache.used();
    }

    @Override
    public int registeredKeys() {
        return cache.size();
    }

    /** Forgets every registered key. */
    public void clearRegisteredKeys() {
        cache.clear();
    }

    @Override
    public boolean register(byte[] publicKey) {
        MlDsaSpec spec = null;
        for (MlDsaParams params : MlDsaParams.values()) {
            if (params.publicKeyBytes() == publicKey.length) {
                spec = MlDsaSpec.of(params);
            }
        }
        if (spec == null || PreparedKey.bytes(spec) > cache.budget()) {
            return false;
        }
        KeyCache.Encoded key = KeyCache.Encoded.of(publicKey);
        if (cache.get(key) != null) {
            return true;
        }
        return cache.put(key, prepare(spec, new byte[][] {publicKey}, 1)[0]);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "SimdMlDsaVerifier[" + name + ", keys=" + cache.size() + "]";
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        int n = MlDsaArguments.check(params, publicKeys, messages, signatures);
        MlDsaSpec spec = MlDsaSpec.of(params);
        boolean[] valid = new boolean[n];
        // Decoding and the checks that need no hashing (Algorithm 8 lines 2-3 and the bound of line 13).
        int[] live = new int[n];
        int[][] hints = new int[n][];
        int[][] zs = new int[n][];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!MlDsaArguments.wellFormed(params, publicKeys[i], messages[i], signatures[i])) {
                continue;
            }
            int[] h = MlDsaCore.decodeHint(spec, signatures[i]);
            int[] z = h == null ? null : MlDsaCore.decodeZ(spec, signatures[i]);
            if (z != null) {
                hints[i] = h;
                zs[i] = z;
                live[count++] = i;
            }
        }
        PreparedKey[] keys = keysOf(spec, publicKeys, live, count);
        Chunk chunk = new Chunk(spec, lanes());
        for (int from = 0; from < count; from += lanes()) {
            chunk.run(live, from, Math.min(lanes(), count - from), keys, messages, signatures, hints, zs, valid);
        }
        return valid;
    }

    /** The prepared key of each live item: from the cache, else prepared now, once per distinct key. */
    private PreparedKey[] keysOf(MlDsaSpec spec, byte[][] publicKeys, int[] live, int count) {
        PreparedKey[] keys = new PreparedKey[publicKeys.length];
        Map<KeyCache.Encoded, Integer> missing = new HashMap<>();
        byte[][] toPrepare = new byte[count][];
        int[] slot = new int[publicKeys.length];
        for (int c = 0; c < count; c++) {
            int i = live[c];
            KeyCache.Encoded key = KeyCache.Encoded.of(publicKeys[i]);
            PreparedKey cached = cache.get(key);
            if (cached != null) {
                keys[i] = cached;
                slot[i] = -1;
                continue;
            }
            Integer s = missing.get(key);
            if (s == null) {
                s = missing.size();
                missing.put(key, s);
                toPrepare[s] = publicKeys[i];
            }
            slot[i] = s;
        }
        if (!missing.isEmpty()) {
            PreparedKey[] prepared = prepare(spec, toPrepare, missing.size());
            for (int c = 0; c < count; c++) {
                int i = live[c];
                if (keys[i] == null) {
                    keys[i] = prepared[slot[i]];
                }
            }
        }
        return keys;
    }

    /** Prepares {@code publicKeys[0 .. count)}: ExpandA and tr with one key per Keccak lane, then NTT(t1 2^d). */
    PreparedKey[] prepare(MlDsaSpec spec, byte[][] publicKeys, int count) {
        int lanes = lanes();
        int k = spec.k();
        int l = spec.l();
        PreparedKey[] out = new PreparedKey[count];
        ShakeLanes g = new ShakeLanes(keccak, Shake.RATE_128);
        ShakeLanes h = new ShakeLanes(keccak, Shake.RATE_256);
        byte[][] seeds = new byte[lanes][RHO_BYTES + 2];
        byte[] block = new byte[lanes * Shake.RATE_128];
        int[] filled = new int[lanes];
        int[] pkLengths = new int[lanes];
        byte[][] trs = new byte[lanes][TR_BYTES];
        for (int from = 0; from < count; from += lanes) {
            int m = Math.min(lanes, count - from);
            double[][] aHat = new double[m][k * l * N];
            for (int s = 0; s < m; s++) {
                System.arraycopy(publicKeys[from + s], 0, seeds[s], 0, RHO_BYTES);
                pkLengths[s] = publicKeys[from + s].length;
            }
            // ExpandA (Algorithm 32): RejNTTPoly (Algorithm 30) of rho || s || r, all keys' streams together.
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < l; c++) {
                    for (int s = 0; s < m; s++) {
                        seeds[s][RHO_BYTES] = (byte) c;
                        seeds[s][RHO_BYTES + 1] = (byte) r;
                        filled[s] = 0;
                    }
                    g.absorb(seeds, m, 0, RHO_BYTES + 2);
                    int offset = (r * l + c) * N;
                    boolean more = true;
                    while (more) {
                        g.squeezeBlock(block);
                        more = false;
                        for (int s = 0; s < m; s++) {
                            if (filled[s] < N) {
                                filled[s] = rejectionSample(block, s * Shake.RATE_128, aHat[s], offset, filled[s]);
                                more |= filled[s] < N;
                            }
                        }
                    }
                }
            }
            // tr = H(pk, 64) (Algorithm 8 line 5), all keys together.
            byte[][] inputs = new byte[lanes][];
            System.arraycopy(publicKeys, from, inputs, 0, m);
            h.digest(inputs, pkLengths, m, trs, TR_BYTES);
            for (int s = 0; s < m; s++) {
                int[] t1 = MlDsaCore.decodeT1(spec, publicKeys[from + s]);
                double[] t1Hat = new double[k * N];
                for (int i = 0; i < t1Hat.length; i++) {
                    t1Hat[i] = t1[i] << D;
                }
                for (int r = 0; r < k; r++) {
                    math.ntt(t1Hat, r * N);
                }
                out[from + s] = new PreparedKey(spec, aHat[s], t1Hat, trs[s].clone());
            }
        }
        return out;
    }

    /** RejNTTPoly's loop (see {@link MlDsaCore#rejectionSample}) over one lane's block, into doubles. */
    private static int rejectionSample(byte[] block, int from, double[] a, int offset, int j) {
        for (int p = from; p < from + Shake.RATE_128 && j < N; p += 3) {
            int v = (block[p] & 0xFF) | (block[p + 1] & 0xFF) << 8 | (block[p + 2] & 0x7F) << 16;
            if (v < Q) {
                a[offset + j++] = v;
            }
        }
        return j;
    }

    /** Scratch for up to {@code lanes} items verified together; one per call. */
    private final class Chunk {
        private final MlDsaSpec spec;
        private final int lanes;
        private final ShakeLanes h;
        private final byte[][] inputs;
        private final byte[][] seeds;
        private final int[] lengths;
        private final byte[][] digests;
        private final double[][] c;
        private final double[] zHat;
        private final double[] w;
        private final int[] w1; // UseHint of the hinted coefficients, at most omega
        private final byte[] block;

        Chunk(MlDsaSpec spec, int lanes) {
            this.spec = spec;
            this.lanes = lanes;
            this.h = new ShakeLanes(keccak, Shake.RATE_256);
            this.inputs = new byte[lanes][];
            this.seeds = new byte[lanes][];
            this.lengths = new int[lanes];
            this.digests = new byte[lanes][TR_BYTES];
            this.c = new double[lanes][N];
            this.zHat = new double[spec.l() * N];
            this.w = new double[spec.k() * N];
            this.w1 = new int[spec.omega()];
            this.block = new byte[lanes * Shake.RATE_256];
        }

        /** Verifies items live[from .. from + m), m at most lanes, writing valid[]. */
        void run(int[] live, int from, int m, PreparedKey[] keys, byte[][] messages, byte[][] signatures,
                int[][] hints, int[][] zs, boolean[] valid) {
            int k = spec.k();
            int l = spec.l();
            // mu = H(tr || M', 64) with M' = 0 || 0 || M (Algorithm 3 line 5, Algorithm 8 line 6), all lanes together.
            for (int s = 0; s < m; s++) {
                int i = live[from + s];
                byte[] message = messages[i];
                byte[] in = new byte[TR_BYTES + 2 + message.length];
                System.arraycopy(keys[i].tr(), 0, in, 0, TR_BYTES);
                System.arraycopy(message, 0, in, TR_BYTES + 2, message.length);
                inputs[s] = in;
                lengths[s] = in.length;
            }
            h.digest(inputs, lengths, m, digests, TR_BYTES);
            int w1Bytes = k * spec.w1PolyBytes();
            for (int s = 0; s < m; s++) {
                byte[] in = new byte[TR_BYTES + w1Bytes]; // mu || w1Encode(w1), for line 10
                System.arraycopy(digests[s], 0, in, 0, TR_BYTES);
                inputs[s] = in;
                lengths[s] = in.length;
            }
            sampleInBall(live, from, m, signatures);
            int m1 = spec.highBitsModulus();
            for (int s = 0; s < m; s++) {
                int i = live[from + s];
                PreparedKey key = keys[i];
                int[] z = zs[i];
                for (int j = 0; j < zHat.length; j++) {
                    zHat[j] = z[j];
                }
                for (int p = 0; p < l; p++) {
                    math.ntt(zHat, p * N);
                }
                math.ntt(c[s], 0);
                // Line 8: w'approx = NTT^-1(A-hat NTT(z) - NTT(c) NTT(t1 2^d)), in [0, q).
                for (int r = 0; r < k; r++) {
                    math.rowProduct(key.aHat(), r * l * N, zHat, l, c[s], key.t1Hat(), r * N, w, r * N);
                    math.invNtt(w, r * N);
                }
                // Line 9: UseHint. Where h = 0 it is HighBits, done for all coefficients in vectors; the few
                // (at most omega) hinted coefficients are done by the scalar UseHint first, then put back.
                int[] hinted = hints[i];
                for (int p = 0; p < hinted.length; p++) {
                    int r = (int) w[hinted[p]];
                    w1[p] = m1 == 44 ? MlDsaCore.useHint88(1, r) : MlDsaCore.useHint32(1, r);
                }
                math.highBits(w, w.length, m1 == 44);
                for (int p = 0; p < hinted.length; p++) {
                    w[hinted[p]] = w1[p];
                }
                // Line 10's input: mu || w1Encode(w1).
                MlDsaCore.w1Encode(w, w.length, spec.w1Bits(), inputs[s], TR_BYTES);
            }
            // Line 10: c-tilde' = H(mu || w1Encode(w1), lambda / 4), all lanes together; line 13: compare.
            int cTildeBytes = spec.cTildeBytes();
            h.digest(inputs, lengths, m, digests, cTildeBytes);
            for (int s = 0; s < m; s++) {
                int i = live[from + s];
                valid[i] = MessageDigest.isEqual(java.util.Arrays.copyOf(digests[s], cTildeBytes),
                        java.util.Arrays.copyOf(signatures[i], cTildeBytes));
            }
        }

        /** SampleInBall (Algorithm 29) of each item's c-tilde into c[s], the SHAKE256 streams side by side. */
        private void sampleInBall(int[] live, int from, int m, byte[][] signatures) {
            int tau = spec.tau();
            for (int s = 0; s < m; s++) {
                seeds[s] = signatures[live[from + s]];
            }
            h.absorb(seeds, m, 0, spec.cTildeBytes()); // c-tilde is the start of the signature
            h.squeezeBlock(block);
            long[] signs = new long[m];
            int[] position = new int[m];
            int[] next = new int[m];
            for (int s = 0; s < m; s++) {
                java.util.Arrays.fill(c[s], 0);
                int base = s * Shake.RATE_256;
                long v = 0;
                for (int b = 7; b >= 0; b--) {
                    v = v << 8 | (block[base + b] & 0xFF); // the first 8 bytes, little-endian: h's 64 bits
                }
                signs[s] = v;
                position[s] = 8;
                next[s] = N - tau;
            }
            boolean more = true;
            while (more) {
                more = false;
                for (int s = 0; s < m; s++) {
                    double[] cs = c[s];
                    int base = s * Shake.RATE_256;
                    int i = next[s];
                    int p = position[s];
                    while (i < N && p < Shake.RATE_256) {
                        int j = block[base + p++] & 0xFF;
                        if (j <= i) {
                            cs[i] = cs[j];
                            cs[j] = 1 - 2 * ((signs[s] >>> (i + tau - N)) & 1);
                            i++;
                        }
                    }
                    next[s] = i;
                    position[s] = p;
                    more |= i < N;
                }
                if (more) {
                    // Some stream needs more bytes: the next block of every lane (the finished ones ignore it).
                    h.squeezeBlock(block);
                    java.util.Arrays.fill(position, 0);
                }
            }
            java.util.Arrays.fill(seeds, null);
        }
    }
}
