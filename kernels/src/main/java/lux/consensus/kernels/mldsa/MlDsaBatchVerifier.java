package lux.consensus.kernels.mldsa;

/**
 * Verifies many ML-DSA signatures at once: arrays in, one boolean per item out.
 *
 * <p>The function is pure ML-DSA verification (FIPS 204 Algorithm 3, ML-DSA.Verify) with the empty context
 * string: {@code result[i]} says whether {@code signatures[i]} is a valid signature of {@code messages[i]}
 * under {@code publicKeys[i]}. Every implementation computes exactly the same function as
 * {@link BouncyCastleMlDsaVerifier}, the reference, and rejects the same bad arguments with the same
 * exception. Implementations are safe to share between threads.
 *
 * <p>Bad data is an answer, never an exception: a {@code null} element, a key or signature of the wrong
 * length for {@code params}, or an encoding the verifier rejects (for example malformed hints) makes that
 * item {@code false} and leaves the others alone.
 */
public interface MlDsaBatchVerifier {

    /**
     * Verifies item by item.
     *
     * @param params      the parameter set of every key and signature in the batch
     * @param publicKeys  encoded public keys, {@link MlDsaParams#publicKeyBytes()} each
     * @param messages    messages, any length
     * @param signatures  encoded signatures, {@link MlDsaParams#signatureBytes()} each
     * @return a new array, {@code true} at {@code i} exactly when item {@code i} verifies
     * @throws NullPointerException     if {@code params} or one of the arrays is null
     * @throws IllegalArgumentException if the three arrays differ in length (the message names the lengths)
     */
    boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures);

    /** A short name for logs and reports, for example {@code "bouncycastle"}. */
    String name();
}
