package lux.consensus.kernels.mldsa;

import static lux.consensus.kernels.mldsa.MlDsaSpec.N;

/**
 * What ML-DSA verification needs from a public key and nothing else (FIPS 204 Algorithm 8 lines 1, 4, 5 and the
 * right factor of line 9): A-hat = ExpandA(rho) in the NTT domain, NTT(t1 2^d), and tr = H(pk, 64). Immutable
 * once built; about 61 KiB + 12 KiB for ML-DSA-65 ({@code double} coefficients, see {@link MlDsaVectorMath}).
 *
 * @param aHat  A-hat, entry (r, s) at {@code (r l + s) 256}, in [0, q)
 * @param t1Hat NTT(t1 2^d), row r at {@code 256 r}, reduced (at most (q + 1) / 2 in size)
 * @param tr    H(pk, 64)
 */
record PreparedKey(MlDsaSpec spec, double[] aHat, double[] t1Hat, byte[] tr) {

    /** Bytes this key holds on the heap (arrays and headers, roughly). */
    long bytes() {
        return 8L * (aHat.length + t1Hat.length) + tr.length + 3 * 16 + 32;
    }

    /** Bytes a prepared key of this parameter set takes, for budgets. */
    static long bytes(MlDsaSpec spec) {
        return 8L * N * (spec.k() * spec.l() + spec.k()) + MlDsaSpec.TR_BYTES + 3 * 16 + 32;
    }
}
