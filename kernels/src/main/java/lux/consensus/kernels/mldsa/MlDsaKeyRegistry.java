package lux.consensus.kernels.mldsa;

/**
 * Optional side of an {@link MlDsaBatchVerifier} that keeps per-key precomputation: callers that verify under
 * the same keys again and again (a validator set) register each key once and later verifications under it
 * skip the work that depends only on the key. Registration never changes an answer; a verifier may forget
 * keys (bounded memory), which only makes them slower again.
 *
 * <p>Use it without naming a backend: {@code if (verifier instanceof MlDsaKeyRegistry r) r.register(pk);}.
 */
public interface MlDsaKeyRegistry {

    /**
     * Precomputes what depends only on {@code publicKey}, whose parameter set is told by its length.
     *
     * @return true if the key is now held; false if it is not an ML-DSA public key length or does not fit the
     *         memory budget
     * @throws NullPointerException if {@code publicKey} is null
     */
    boolean register(byte[] publicKey);

    /** Keys held now. */
    int registeredKeys();
}
