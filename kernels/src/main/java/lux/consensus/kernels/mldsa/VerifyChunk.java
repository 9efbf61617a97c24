package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.D;
import static lux.consensus.kernels.mldsa.MlDsaSpec.N;
import static lux.consensus.kernels.mldsa.MlDsaSpec.RHO_BYTES;
import static lux.consensus.kernels.mldsa.MlDsaSpec.T1_POLY_BYTES;
import static lux.consensus.kernels.mldsa.MlDsaSpec.TR_BYTES;

import java.security.MessageDigest;
import java.util.Arrays;
import lux.consensus.kernels.keccak.KeccakVector;
import lux.consensus.kernels.keccak.Shake;
import lux.consensus.kernels.keccak.ShakeLanes;

/**
 * FIPS 204 Algorithm 8 lines 4-13 for up to {@code lanes} decoded items at once, the scratch of one thread of
 * {@link SimdMlDsaVerifier}, sized for every parameter set and reused from call to call.
 *
 * <p>Each item's key is either prepared ({@link PreparedKey}: A-hat, NTT(t1 2^d), tr) or streamed: then tr and
 * NTT(t1 2^d) are computed here and A-hat is expanded one row at a time ({@link ExpandA}) for all the chunk's
 * keys together, multiplied into z-hat and dropped, so a key seen once never stores its 30-60 KiB A-hat.
 */
final class VerifyChunk {

    private static final int K_MAX = 8;
    private static final int L_MAX = 7;
    private static final int OMEGA_MAX = 80;

    private final int lanes;
    private final MlDsaVectorMath math;
    private final ShakeLanes h;
    private final ExpandA expandA;
    private final byte[][] inputs;
    private final int[] lengths;
    private final byte[][] digests;
    private final byte[][] trs;
    private final byte[][] w1Inputs;
    private final byte[][] streamKeys;
    private final double[][] c;
    private final double[][] zHat;
    private final double[][] w;
    private final double[][] t1Hat;
    private final float[][] aRow;
    private final int[] t1;
    private final int[] w1;
    private final byte[] block;
    private final long[] signs;
    private final int[] position;
    private final int[] next;

    VerifyChunk(KeccakVector keccak, MlDsaVectorMath math) {
        this.lanes = keccak.states();
        this.math = math;
        this.h = new ShakeLanes(keccak, Shake.RATE_256);
        this.expandA = new ExpandA(keccak);
        this.inputs = new byte[lanes][];
        this.lengths = new int[lanes];
        this.digests = new byte[lanes][TR_BYTES];
        this.trs = new byte[lanes][TR_BYTES];
        this.w1Inputs = new byte[lanes][TR_BYTES + K_MAX * 32 * 6];
        this.streamKeys = new byte[lanes][];
        this.c = new double[lanes][N];
        this.zHat = new double[lanes][(L_MAX + 1) * N]; // z, then c
        this.w = new double[lanes][K_MAX * N];
        this.t1Hat = new double[lanes][K_MAX * N];
        this.aRow = new float[lanes][L_MAX * N];
        this.t1 = new int[K_MAX * N];
        this.w1 = new int[OMEGA_MAX];
        this.block = new byte[lanes * Shake.RATE_256];
        this.signs = new long[lanes];
        this.position = new int[lanes];
        this.next = new int[lanes];
    }

    int lanes() {
        return lanes;
    }

    /**
     * Verifies items {@code items[from .. from + m)} (m at most lanes), writing {@code valid[]}; keys[i] is the
     * prepared key of item i, or null for every item of a streamed chunk (then publicKeys[i] is expanded here).
     */
    void run(MlDsaSpec spec, boolean streamed, int[] items, int from, int m, PreparedKey[] keys, byte[][] publicKeys,
            byte[][] messages, byte[][] signatures, int[][] hints, int[][] zs, boolean[] valid) {
        // Two halves, each over the JIT's inlining size (325 bytecodes), so each compiles on its own: as one
        // method the JIT ran out of inlining budget inside a vector kernel, whose vectors then lived on the heap.
        operands(spec, streamed, items, from, m, keys, publicKeys, messages, signatures, zs);
        rows(spec, streamed, items, from, m, keys, signatures, hints, valid);
    }

    /** tr (streamed keys), mu, c, NTT(t1 2^d) (streamed keys), NTT(z) and NTT(c): Algorithm 8 lines 5-9's inputs. */
    private void operands(MlDsaSpec spec, boolean streamed, int[] items, int from, int m, PreparedKey[] keys,
            byte[][] publicKeys, byte[][] messages, byte[][] signatures, int[][] zs) {
        int l = spec.l();
        if (streamed) {
            // tr = H(pk, 64) (Algorithm 8 line 5) of the chunk's keys together; NTT(t1 2^d) of each.
            for (int s = 0; s < m; s++) {
                byte[] pk = publicKeys[items[from + s]];
                streamKeys[s] = pk;
                inputs[s] = pk;
                lengths[s] = pk.length;
                t1Scaled(spec, pk, t1Hat[s]);
            }
            h.digest(inputs, lengths, m, trs, TR_BYTES);
        }
        // mu = H(tr || M', 64) with M' = 0 || 0 || M (Algorithm 3 line 5, Algorithm 8 line 6), all lanes together.
        for (int s = 0; s < m; s++) {
            int i = items[from + s];
            byte[] message = messages[i];
            byte[] in = new byte[TR_BYTES + 2 + message.length];
            System.arraycopy(streamed ? trs[s] : keys[i].tr(), 0, in, 0, TR_BYTES);
            System.arraycopy(message, 0, in, TR_BYTES + 2, message.length);
            inputs[s] = in;
            lengths[s] = in.length;
        }
        h.digest(inputs, lengths, m, digests, TR_BYTES);
        int w1Bytes = spec.k() * spec.w1PolyBytes();
        for (int s = 0; s < m; s++) {
            System.arraycopy(digests[s], 0, w1Inputs[s], 0, TR_BYTES); // mu || w1Encode(w1), for line 10
            lengths[s] = TR_BYTES + w1Bytes;
        }
        sampleInBall(spec, items, from, m, signatures);
        // NTT(z), NTT(c) and, streamed, NTT(t1 2^d) (line 9's operands) of every item: c sits right after z. One
        // call site: each inlined copy of the NTT costs the JIT's inlining budget of this method.
        int polys = l + 1 + (streamed ? spec.k() : 0);
        for (int s = 0; s < m; s++) {
            int[] z = zs[items[from + s]];
            double[] zh = zHat[s];
            for (int j = 0; j < l * N; j++) {
                zh[j] = z[j];
            }
            System.arraycopy(c[s], 0, zh, l * N, N);
            for (int p = 0; p < polys; p++) {
                math.ntt(p <= l ? zh : t1Hat[s], (p <= l ? p : p - l - 1) * N);
            }
        }
    }

    /** Algorithm 8 lines 9-13 from the operands: w'approx row by row, UseHint, w1Encode, c-tilde', compare. */
    private void rows(MlDsaSpec spec, boolean streamed, int[] items, int from, int m, PreparedKey[] keys,
            byte[][] signatures, int[][] hints, boolean[] valid) {
        int k = spec.k();
        int l = spec.l();
        // Line 9: w'approx = NTT^-1(A-hat NTT(z) - NTT(c) NTT(t1 2^d)), row by row, in [0, q).
        for (int r = 0; r < k; r++) {
            if (streamed) {
                expandA.row(streamKeys, m, r, l, aRow, 0);
            }
            for (int s = 0; s < m; s++) {
                PreparedKey key = streamed ? null : keys[items[from + s]];
                float[] a = streamed ? aRow[s] : key.aHat();
                double[] t = streamed ? t1Hat[s] : key.t1Hat();
                double[] zc = zHat[s];
                math.rowProduct(a, streamed ? 0 : r * l * N, zc, l, zc, l * N, t, r * N, w[s], r * N);
                math.invNtt(w[s], r * N);
            }
        }
        int m1 = spec.highBitsModulus();
        for (int s = 0; s < m; s++) {
            double[] ws = w[s];
            // Line 10's w1 = UseHint(h, w'approx). Where h = 0 it is HighBits, done for all coefficients in
            // vectors; the few (at most omega) hinted coefficients are done by the scalar UseHint first, then put back.
            int[] hinted = hints[items[from + s]];
            for (int p = 0; p < hinted.length; p++) {
                int r = (int) ws[hinted[p]];
                w1[p] = m1 == 44 ? MlDsaCore.useHint88(1, r) : MlDsaCore.useHint32(1, r);
            }
            math.highBits(ws, k * N, m1 == 44);
            for (int p = 0; p < hinted.length; p++) {
                ws[hinted[p]] = w1[p];
            }
            MlDsaCore.w1Encode(ws, k * N, spec.w1Bits(), w1Inputs[s], TR_BYTES);
        }
        // Line 10: c-tilde' = H(mu || w1Encode(w1), lambda / 4), all lanes together; line 13: compare.
        int cTildeBytes = spec.cTildeBytes();
        h.digest(w1Inputs, lengths, m, digests, cTildeBytes);
        for (int s = 0; s < m; s++) {
            int i = items[from + s];
            valid[i] = MessageDigest.isEqual(Arrays.copyOf(digests[s], cTildeBytes),
                    Arrays.copyOf(signatures[i], cTildeBytes));
        }
        Arrays.fill(inputs, null);
        Arrays.fill(streamKeys, null);
    }

    /** t1 2^d (pkDecode, Algorithm 23; line 9's right factor before its NTT) into out[0 .. 256 k). */
    void t1Scaled(MlDsaSpec spec, byte[] publicKey, double[] out) {
        for (int i = 0; i < spec.k(); i++) {
            MlDsaCore.unpack(publicKey, RHO_BYTES + T1_POLY_BYTES * i, 10, N, t1, i * N);
        }
        for (int j = 0; j < spec.k() * N; j++) {
            out[j] = t1[j] << D; // t1 < 2^10, so t1 2^13 <= q - 1
        }
    }

    /** SampleInBall (Algorithm 29) of each item's c-tilde into c[s], the SHAKE256 streams side by side. */
    private void sampleInBall(MlDsaSpec spec, int[] items, int from, int m, byte[][] signatures) {
        int tau = spec.tau();
        for (int s = 0; s < m; s++) {
            inputs[s] = signatures[items[from + s]];
        }
        h.absorb(inputs, m, 0, spec.cTildeBytes()); // c-tilde is the start of the signature
        h.squeezeBlock(block);
        for (int s = 0; s < m; s++) {
            Arrays.fill(c[s], 0);
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
                Arrays.fill(position, 0, m, 0);
            }
        }
        Arrays.fill(inputs, null);
    }
}
