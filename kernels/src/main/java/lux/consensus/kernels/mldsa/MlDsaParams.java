package lux.consensus.kernels.mldsa;

/**
 * The three ML-DSA parameter sets of FIPS 204 (Table 1), with their encoded sizes (Table 2).
 */
public enum MlDsaParams {
    /** ML-DSA-44, security category 2. */
    ML_DSA_44("ML-DSA-44", 1312, 2420),
    /** ML-DSA-65, security category 3; the validators' default. */
    ML_DSA_65("ML-DSA-65", 1952, 3309),
    /** ML-DSA-87, security category 5. */
    ML_DSA_87("ML-DSA-87", 2592, 4627);

    private final String standardName;
    private final int publicKeyBytes;
    private final int signatureBytes;

    MlDsaParams(String standardName, int publicKeyBytes, int signatureBytes) {
        this.standardName = standardName;
        this.publicKeyBytes = publicKeyBytes;
        this.signatureBytes = signatureBytes;
    }

    /** The name FIPS 204 uses, for example {@code "ML-DSA-65"}. */
    public String standardName() {
        return standardName;
    }

    /** Length of an encoded public key (pkEncode: 32 + 320 k bytes). */
    public int publicKeyBytes() {
        return publicKeyBytes;
    }

    /** Length of an encoded signature (sigEncode). */
    public int signatureBytes() {
        return signatureBytes;
    }
}
