package lux.consensus.cert;

/**
 * What the validators answered in the certificate rounds for one message, by validator index: a BLS
 * signature (96 bytes) and an ML-DSA signature, each null where the validator did not answer. Answers are
 * unchecked: a faulty validator's may be garbage.
 *
 * @param bls round 1 answers
 * @param mlDsa round 2 answers
 */
public record SignatureRound(byte[][] bls, byte[][] mlDsa) {
    public SignatureRound {
        if (bls.length != mlDsa.length) {
            throw new IllegalArgumentException("both rounds must cover the same validators, got " + bls.length + " and " + mlDsa.length);
        }
    }
}
