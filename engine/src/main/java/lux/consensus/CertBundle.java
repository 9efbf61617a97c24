package lux.consensus;

/**
 * Quantum-finality certificates of a finalized block: a BLS12-381 aggregate signature and ML-DSA signatures
 * from a stake quorum of validators.
 *
 * <p>Certificate issuance is not part of this build yet, so no instance exists and {@link Block#certs()}
 * returns null; the type is here so that the {@code Block} API stays stable when it arrives.
 */
public final class CertBundle {
    private CertBundle() {
    }
}
