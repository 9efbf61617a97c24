package lux.consensus.tornadovm;

import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * The numbers of an ML-DSA parameter set that the kernels take (FIPS 204 Table 1), and the host's screening of
 * an item before it goes to the device.
 *
 * @param params      the parameter set
 * @param k           rows of A
 * @param l           columns of A
 * @param tau         nonzero coefficients of c
 * @param cTildeBytes bytes of c-tilde (lambda / 4)
 * @param gamma1      the range of y (and z)
 * @param gamma2      the low-order rounding range
 * @param beta        tau eta
 * @param omega       the most ones in the hint
 * @param zBits       bits of a packed z coefficient, 1 + bitlen(gamma1 - 1)
 * @param w1Bits      bits of a packed w1 coefficient, bitlen((q - 1) / (2 gamma2) - 1)
 */
record MlDsaSet(MlDsaParams params, int k, int l, int tau, int cTildeBytes, int gamma1, int gamma2, int beta,
        int omega, int zBits, int w1Bits) {

    /** The set's numbers. */
    static MlDsaSet of(MlDsaParams params) {
        int q1 = MlDsaMath.Q - 1;
        return switch (params) {
            case ML_DSA_44 -> new MlDsaSet(params, 4, 4, 39, 32, 1 << 17, q1 / 88, 78, 80, 18, 6);
            case ML_DSA_65 -> new MlDsaSet(params, 6, 5, 49, 48, 1 << 19, q1 / 32, 196, 55, 20, 4);
            case ML_DSA_87 -> new MlDsaSet(params, 8, 7, 60, 64, 1 << 19, q1 / 32, 120, 75, 20, 4);
        };
    }

    /** The kernels' parameter array ({@code MlDsaKernels.P_*}) for a run of {@code items} items and {@code keys} keys. */
    int[] kernelParams(int items, int keys) {
        int[] p = new int[MlDsaKernels.PARAMS];
        p[MlDsaKernels.P_ITEMS] = items;
        p[MlDsaKernels.P_KEYS] = keys;
        p[MlDsaKernels.P_K] = k;
        p[MlDsaKernels.P_L] = l;
        p[MlDsaKernels.P_TAU] = tau;
        p[MlDsaKernels.P_CTILDE] = cTildeBytes;
        p[MlDsaKernels.P_GAMMA1] = gamma1;
        p[MlDsaKernels.P_GAMMA2] = gamma2;
        p[MlDsaKernels.P_BETA] = beta;
        p[MlDsaKernels.P_OMEGA] = omega;
        p[MlDsaKernels.P_ZBITS] = zBits;
        p[MlDsaKernels.P_W1BITS] = w1Bits;
        p[MlDsaKernels.P_PK_BYTES] = params.publicKeyBytes();
        p[MlDsaKernels.P_SIG_BYTES] = params.signatureBytes();
        return p;
    }

    /**
     * Whether the item can verify at all: no null, the right key and signature lengths, and a hint that
     * HintBitUnpack (Algorithm 21) accepts: per row the end index at least the previous one and at most omega,
     * indices strictly increasing within a row, and the unused index bytes zero. Anything else is false without
     * going to the device.
     */
    boolean screen(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || message == null || signature == null
                || publicKey.length != params.publicKeyBytes() || signature.length != params.signatureBytes()) {
            return false;
        }
        int y = signature.length - omega - k;
        int previous = 0;
        for (int row = 0; row < k; row++) {
            int end = signature[y + omega + row] & 0xFF;
            if (end < previous || end > omega) {
                return false;
            }
            for (int i = previous + 1; i < end; i++) {
                if ((signature[y + i - 1] & 0xFF) >= (signature[y + i] & 0xFF)) {
                    return false;
                }
            }
            previous = end;
        }
        for (int i = previous; i < omega; i++) {
            if (signature[y + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
