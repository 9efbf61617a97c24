package lux.consensus.kernels.mldsa;

/**
 * The numbers of one ML-DSA parameter set that verification needs (FIPS 204 Table 1), and the encoded sizes
 * derived from them (Table 2, sections 7.2 and 7.3): the one table of every verifier, CPU and GPU. Public for
 * the GPU backends (the OpenCL verifier, the optional TornadoVM module).
 *
 * @param k          rows of A (and polynomials in t1, w1, h)
 * @param l          columns of A (polynomials in z)
 * @param tau        nonzero coefficients of the challenge c
 * @param cTildeBytes length of the commitment hash c-tilde, lambda / 4 bytes
 * @param gamma1     coefficient range of y (and z)
 * @param gamma2     low-order rounding range
 * @param beta       tau * eta
 * @param omega      most ones in the hint h
 * @param zBits      bits per packed z coefficient, 1 + bitlen(gamma1 - 1)
 * @param w1Bits     bits per packed w1 coefficient, bitlen((q - 1) / (2 gamma2) - 1)
 */
public record MlDsaSpec(MlDsaParams params, int k, int l, int tau, int cTildeBytes, int gamma1, int gamma2, int beta,
        int omega, int zBits, int w1Bits) {

    /** The modulus q = 2^23 - 2^13 + 1. */
    public static final int Q = 8380417;
    /** Dropped bits of t, d (FIPS 204 Table 1). */
    static final int D = 13;
    /** Coefficients per polynomial. */
    public static final int N = 256;
    /** Length of tr and mu (FIPS 204 Algorithm 7 lines 6-7). */
    static final int TR_BYTES = 64;
    /** Length of the seed rho. */
    static final int RHO_BYTES = 32;
    /** Bytes of one packed t1 polynomial: 256 coefficients of 10 bits. */
    static final int T1_POLY_BYTES = 320;

    private static final MlDsaSpec ML_DSA_44 = new MlDsaSpec(MlDsaParams.ML_DSA_44, 4, 4, 39, 32, 1 << 17,
            (Q - 1) / 88, 78, 80, 18, 6);
    private static final MlDsaSpec ML_DSA_65 = new MlDsaSpec(MlDsaParams.ML_DSA_65, 6, 5, 49, 48, 1 << 19,
            (Q - 1) / 32, 196, 55, 20, 4);
    private static final MlDsaSpec ML_DSA_87 = new MlDsaSpec(MlDsaParams.ML_DSA_87, 8, 7, 60, 64, 1 << 19,
            (Q - 1) / 32, 120, 75, 20, 4);

    /** The numbers of {@code params}. */
    public static MlDsaSpec of(MlDsaParams params) {
        return switch (params) {
            case ML_DSA_44 -> ML_DSA_44;
            case ML_DSA_65 -> ML_DSA_65;
            case ML_DSA_87 -> ML_DSA_87;
        };
    }

    /**
     * zetas[m] = zeta^BitRev8(m) 2^32 mod q, zeta = 1753: FIPS 204 Appendix B in Montgomery form (R = 2^32), as
     * the NTTs of the scalar verifier and the OpenCL kernel take them. A fresh copy.
     */
    public static int[] montgomeryZetas() {
        return MlDsaCore.ZETAS_MONT.clone();
    }

    /** Bytes of one packed z polynomial, 32 zBits. */
    int zPolyBytes() {
        return 32 * zBits;
    }

    /** Bytes of one packed w1 polynomial, 32 w1Bits. */
    public int w1PolyBytes() {
        return 32 * w1Bits;
    }

    /** Length of pkEncode's output, 32 + 320 k. */
    int publicKeyBytes() {
        return RHO_BYTES + T1_POLY_BYTES * k;
    }

    /** Length of sigEncode's output, lambda / 4 + 32 l (1 + bitlen(gamma1 - 1)) + omega + k. */
    int signatureBytes() {
        return cTildeBytes + l * zPolyBytes() + omega + k;
    }

    /** m = (q - 1) / (2 gamma2), the number of high-bits values (FIPS 204 Algorithm 40). */
    int highBitsModulus() {
        return (Q - 1) / (2 * gamma2);
    }
}
