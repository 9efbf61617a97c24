package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.N;

/**
 * What ML-DSA verification needs from a public key and nothing else (FIPS 204 Algorithm 8 lines 1, 4, 5 and the
 * right factor of line 9): A-hat = ExpandA(rho) in the NTT domain, NTT(t1 2^d), and tr = H(pk, 64). Immutable
 * once built; about 30 KiB + 12 KiB for ML-DSA-65. A-hat's entries are below q < 2^23, exact as {@code float}s,
 * which halve what verification reads from memory per key; they become {@code double}s as they are loaded (see
 * {@link MlDsaVectorMath}).
 *
 * @param aHat  A-hat, entry (r, s) at {@code (r l + s) 256}, in [0, q)
 * @param t1Hat NTT(t1 2^d), row r at {@code 256 r}, reduced (at most (q + 1) / 2 in size)
 * @param tr    H(pk, 64)
 */
record PreparedKey(MlDsaSpec spec, float[] aHat, double[] t1Hat, byte[] tr) {

    /** Bytes this key holds on the heap (arrays and headers, roughly). */
    long bytes() {
        return 4L * aHat.length + 8L * t1Hat.length + tr.length + 3 * 16 + 32;
    }

    /** Bytes a prepared key of this parameter set takes, for budgets. */
    static long bytes(MlDsaSpec spec) {
        return 4L * N * spec.k() * spec.l() + 8L * N * spec.k() + MlDsaSpec.TR_BYTES + 3 * 16 + 32;
    }
}
