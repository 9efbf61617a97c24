package lux.consensus.tornadovm;

import static lux.consensus.tornadovm.MlDsaMath.N;
import static lux.consensus.tornadovm.MlDsaMath.Q;

import lux.consensus.kernels.mldsa.MlDsaSpec;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * ML-DSA.Verify (FIPS 204 Algorithm 3 with the empty context, so Algorithm 8 on M' = 0 || 0 || M) as two TornadoVM
 * Java kernels, for one chunk of a batch whose items the host has already screened (lengths, and HintBitUnpack's
 * validity, Algorithm 21).
 *
 * <ul>
 *   <li>{@link #keys}: one thread per (distinct key, piece): piece {@code r l + s} < k l samples A-hat[r][s]
 *       (RejNTTPoly of rho || s || r, Algorithm 30), the next k pieces give NTT(t1[r] 2^d), the last tr = H(pk).</li>
 *   <li>{@link #verify}: one thread per signature: z's decoding and norm bound, mu, SampleInBall and NTT(c), then
 *       row by row A-hat NTT(z) - NTT(c) NTT(t1 2^d), the inverse NTT, UseHint and w1Encode, and finally
 *       H(mu || w1Encode(w1)) against c-tilde. It writes 1 (valid) or 0.</li>
 * </ul>
 * The parameter set's numbers come in {@code p} (indices {@code P_*}), so one compiled kernel serves all three
 * sets. Each thread has its own slices of the scratch buffers.
 */
final class MlDsaKernels {

    /** Items in this run. */
    static final int P_ITEMS = 0;
    /** Distinct keys in this run. */
    static final int P_KEYS = 1;
    /** Rows k of A. */
    static final int P_K = 2;
    /** Columns l of A. */
    static final int P_L = 3;
    /** Nonzero coefficients of c. */
    static final int P_TAU = 4;
    /** Bytes of c-tilde (lambda / 4). */
    static final int P_CTILDE = 5;
    /** gamma1. */
    static final int P_GAMMA1 = 6;
    /** gamma2. */
    static final int P_GAMMA2 = 7;
    /** beta = tau eta. */
    static final int P_BETA = 8;
    /** omega, the most ones in the hint. */
    static final int P_OMEGA = 9;
    /** Bits of a packed z coefficient. */
    static final int P_ZBITS = 10;
    /** Bits of a packed w1 coefficient. */
    static final int P_W1BITS = 11;
    /** Bytes of a public key. */
    static final int P_PK_BYTES = 12;
    /** Bytes of a signature. */
    static final int P_SIG_BYTES = 13;
    /** Length of {@code p}. */
    static final int PARAMS = 14;

    /** Ints of scratch per signature: z (up to l = 7 polynomials), c, one row of w, one row of the hint. */
    static final int SCRATCH_INTS = 10 * N;
    private static final int C_AT = 7 * N;
    private static final int W_AT = 8 * N;
    private static final int H_AT = 9 * N;
    /** Bytes of scratch per signature: mu, then w1Encode(w1) (at most k = 8 rows of 32 * 6 bytes). */
    static final int SCRATCH_BYTES = 64 + 8 * 32 * 6;
    /** Bytes of tr = H(pk, 64) and of mu. */
    static final int HASH_BYTES = 64;

    private MlDsaKernels() {
    }

    /** The kernels' parameter array ({@code P_*}) for a run of {@code items} items and {@code keys} keys. */
    static int[] params(MlDsaSpec spec, int items, int keys) {
        int[] p = new int[PARAMS];
        p[P_ITEMS] = items;
        p[P_KEYS] = keys;
        p[P_K] = spec.k();
        p[P_L] = spec.l();
        p[P_TAU] = spec.tau();
        p[P_CTILDE] = spec.cTildeBytes();
        p[P_GAMMA1] = spec.gamma1();
        p[P_GAMMA2] = spec.gamma2();
        p[P_BETA] = spec.beta();
        p[P_OMEGA] = spec.omega();
        p[P_ZBITS] = spec.zBits();
        p[P_W1BITS] = spec.w1Bits();
        p[P_PK_BYTES] = spec.params().publicKeyBytes();
        p[P_SIG_BYTES] = spec.params().signatureBytes();
        return p;
    }

    /** Work-items of {@link #keys} per distinct key: k l entries of A-hat, k rows of t1, tr. */
    static int keyPieces(int k, int l) {
        return k * l + k + 1;
    }

    /**
     * The per-key kernel; its thread g owns Keccak state {@code keyState[STATE g ..)}. (The kernels' bodies are
     * their own: TornadoVM inlines only small methods into a kernel.)
     */
    static void keys(KernelContext context, IntArray p, LongArray rc, IntArray zetas, ByteArray pks, IntArray aHat,
            IntArray t1Hat, ByteArray tr, LongArray keyState) {
        int g = context.globalIdx;
        int k = p.get(P_K);
        int l = p.get(P_L);
        int pieces = keyPieces(k, l);
        if (g < p.get(P_KEYS) * pieces) {
            int key = g / pieces;
            int piece = g - key * pieces;
            int pk = key * p.get(P_PK_BYTES);
            int st = g * MlDsaKeccak.STATE;
            MlDsaKeccak.clear(keyState, st);
            if (piece < k * l) {
                // RejNTTPoly(rho || s || r): coefficients of three bytes (the top bit dropped) below q.
                int r = piece / l;
                int s = piece - r * l;
                int pos = MlDsaKeccak.absorb(keyState, st, 0, pks, pk, 32, MlDsaKeccak.RATE_128, rc);
                pos = MlDsaKeccak.absorbByte(keyState, st, pos, s, MlDsaKeccak.RATE_128, rc);
                pos = MlDsaKeccak.absorbByte(keyState, st, pos, r, MlDsaKeccak.RATE_128, rc);
                MlDsaKeccak.finish(keyState, st, pos, MlDsaKeccak.RATE_128, rc);
                int out = (key * k * l + piece) * N;
                int j = 0;
                pos = 0;
                while (j < N) {
                    if (pos == MlDsaKeccak.RATE_128) { // 168 = 56 * 3: a block holds whole triples
                        MlDsaKeccak.permute(keyState, st, rc);
                        pos = 0;
                    }
                    int v = MlDsaKeccak.byteAt(keyState, st, pos) | MlDsaKeccak.byteAt(keyState, st, pos + 1) << 8
                            | (MlDsaKeccak.byteAt(keyState, st, pos + 2) & 0x7F) << 16;
                    pos += 3;
                    if (v < Q) {
                        aHat.set(out + j, v);
                        j++;
                    }
                }
            } else if (piece < k * l + k) {
                // t1[r]: 256 coefficients of 10 bits from pk[32 + 320 r ..], times 2^d = 2^13, then the NTT.
                int r = piece - k * l;
                int out = (key * k + r) * N;
                int from = pk + 32 + 320 * r;
                for (int i = 0; i < N; i++) {
                    int bit = 10 * i;
                    int at = from + (bit >> 3);
                    int two = (pks.get(at) & 0xFF) | (pks.get(at + 1) & 0xFF) << 8;
                    t1Hat.set(out + i, ((two >> (bit & 7)) & 0x3FF) << 13);
                }
                MlDsaMath.ntt(t1Hat, out, zetas);
            } else {
                int pos = MlDsaKeccak.absorb(keyState, st, 0, pks, pk, p.get(P_PK_BYTES), MlDsaKeccak.RATE_256, rc);
                MlDsaKeccak.finish(keyState, st, pos, MlDsaKeccak.RATE_256, rc);
                for (int i = 0; i < HASH_BYTES; i++) {
                    tr.set(key * HASH_BYTES + i, (byte) MlDsaKeccak.byteAt(keyState, st, i));
                }
            }
        }
    }

    /** The per-signature kernel; its thread g owns its slices of {@code ints}, {@code bytes} and {@code state}. */
    static void verify(KernelContext context, IntArray p, LongArray rc, IntArray zetas, ByteArray sigs, ByteArray msgs,
            IntArray msgOffsets, IntArray keyIndex, IntArray aHat, IntArray t1Hat, ByteArray tr, IntArray ints,
            ByteArray bytes, LongArray state, ByteArray result) {
        int g = context.globalIdx;
        if (g < p.get(P_ITEMS)) {
            int k = p.get(P_K);
            int l = p.get(P_L);
            int tau = p.get(P_TAU);
            int cTildeBytes = p.get(P_CTILDE);
            int sigBytes = p.get(P_SIG_BYTES);
            int key = keyIndex.get(g);
            int sig = g * sigBytes;
            int st = g * MlDsaKeccak.STATE;
            int ws = g * SCRATCH_INTS;
            int bs = g * SCRATCH_BYTES;
            int rate = MlDsaKeccak.RATE_256;
            int ok = 1;

            // z = gamma1 - BitUnpack(z part), and ||z||_inf < gamma1 - beta (Algorithm 8 line 13).
            int zBits = p.get(P_ZBITS);
            int gamma1 = p.get(P_GAMMA1);
            int bound = gamma1 - p.get(P_BETA);
            int mask = (1 << zBits) - 1;
            for (int i = 0; i < l * N; i++) {
                int bit = zBits * i;
                int at = sig + cTildeBytes + (bit >> 3);
                int three = (sigs.get(at) & 0xFF) | (sigs.get(at + 1) & 0xFF) << 8 | (sigs.get(at + 2) & 0xFF) << 16;
                int v = gamma1 - ((three >> (bit & 7)) & mask); // zBits 18 or 20: bit & 7 + zBits <= 24
                ints.set(ws + i, v);
                if (v >= bound || -v >= bound) {
                    ok = 0;
                }
            }
            if (ok == 1) {
                // mu = H(tr || 0 || 0 || M, 64).
                MlDsaKeccak.clear(state, st);
                int pos = MlDsaKeccak.absorb(state, st, 0, tr, key * HASH_BYTES, HASH_BYTES, rate, rc);
                pos = MlDsaKeccak.absorbByte(state, st, pos, 0, rate, rc);
                pos = MlDsaKeccak.absorbByte(state, st, pos, 0, rate, rc);
                int m0 = msgOffsets.get(g);
                pos = MlDsaKeccak.absorb(state, st, pos, msgs, m0, msgOffsets.get(g + 1) - m0, rate, rc);
                MlDsaKeccak.finish(state, st, pos, rate, rc);
                for (int i = 0; i < HASH_BYTES; i++) {
                    bytes.set(bs + i, (byte) MlDsaKeccak.byteAt(state, st, i));
                }

                // c = SampleInBall(c-tilde) (Algorithm 29): 8 bytes of signs, then rejection-sampled positions.
                MlDsaKeccak.clear(state, st);
                pos = MlDsaKeccak.absorb(state, st, 0, sigs, sig, cTildeBytes, rate, rc);
                MlDsaKeccak.finish(state, st, pos, rate, rc);
                long signs = 0;
                for (int i = 0; i < 8; i++) {
                    signs |= (long) MlDsaKeccak.byteAt(state, st, i) << (8 * i);
                }
                pos = 8;
                int c = ws + C_AT;
                for (int i = 0; i < N; i++) {
                    ints.set(c + i, 0);
                }
                for (int i = N - tau; i < N; i++) {
                    int j = N;
                    while (j > i) {
                        if (pos == rate) {
                            MlDsaKeccak.permute(state, st, rc);
                            pos = 0;
                        }
                        j = MlDsaKeccak.byteAt(state, st, pos);
                        pos++;
                    }
                    ints.set(c + i, ints.get(c + j));
                    ints.set(c + j, 1 - 2 * (int) ((signs >> (i + tau - N)) & 1)); // masked: >> suffices
                }
                MlDsaMath.ntt(ints, c, zetas);
                for (int s = 0; s < l; s++) {
                    MlDsaMath.ntt(ints, ws + s * N, zetas);
                }

                // Row by row: w = NTT^-1(A-hat NTT(z) - NTT(c) NTT(t1 2^d)), w1 = UseHint(h, w), w1Encode.
                int omega = p.get(P_OMEGA);
                int gamma2 = p.get(P_GAMMA2);
                int w1Bits = p.get(P_W1BITS);
                int hints = sig + sigBytes - omega - k; // HintBitUnpack's y
                int w = ws + W_AT;
                int h = ws + H_AT;
                int start = 0;
                long acc = 0;
                int have = 0;
                int out = bs + HASH_BYTES;
                for (int r = 0; r < k; r++) {
                    for (int j = 0; j < N; j++) {
                        ints.set(h + j, 0);
                    }
                    int end = sigs.get(hints + omega + r) & 0xFF;
                    for (int i = start; i < end; i++) {
                        ints.set(h + (sigs.get(hints + i) & 0xFF), 1);
                    }
                    start = end;
                    int t1Row = (key * k + r) * N;
                    int aRow = (key * k + r) * l * N;
                    for (int j = 0; j < N; j++) {
                        int sum = -MlDsaMath.montReduce((long) ints.get(c + j) * t1Hat.get(t1Row + j));
                        for (int s = 0; s < l; s++) {
                            sum += MlDsaMath.montReduce((long) aHat.get(aRow + s * N + j) * ints.get(ws + s * N + j));
                        }
                        ints.set(w + j, MlDsaMath.reduce(sum));
                    }
                    MlDsaMath.invNtt(ints, w, zetas);
                    for (int j = 0; j < N; j++) {
                        int w1 = MlDsaMath.useHint(gamma2, ints.get(h + j), MlDsaMath.freeze(ints.get(w + j)));
                        acc |= (long) w1 << have;
                        have += w1Bits;
                        while (have >= 8) {
                            bytes.set(out, (byte) acc);
                            out++;
                            acc >>= 8; // acc >= 0
                            have -= 8;
                        }
                    }
                }

                // c-tilde' = H(mu || w1Encode(w1), lambda / 4) against c-tilde.
                MlDsaKeccak.clear(state, st);
                pos = MlDsaKeccak.absorb(state, st, 0, bytes, bs, out - bs, rate, rc);
                MlDsaKeccak.finish(state, st, pos, rate, rc);
                for (int i = 0; i < cTildeBytes; i++) {
                    if (MlDsaKeccak.byteAt(state, st, i) != (sigs.get(sig + i) & 0xFF)) {
                        ok = 0;
                    }
                }
            }
            result.set(g, (byte) ok);
        }
    }
}
