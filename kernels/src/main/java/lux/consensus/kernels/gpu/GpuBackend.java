package lux.consensus.kernels.gpu;

import java.util.List;
import java.util.Optional;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.tally.VoteTally;

/**
 * A GPU backend that lives in another module (TornadoVM, module {@code tornadovm}) and is found at run time
 * with {@link java.util.ServiceLoader}, so that this module never depends on it. {@link GpuBackends} looks
 * implementations up by {@link #name()}.
 */
public interface GpuBackend {

    /** The name {@code -Dlux.gpu} selects it by, for example {@code "tornadovm"}. */
    String name();

    /**
     * Why this backend cannot run in this JVM (its runtime is missing, no device), with what to do about it;
     * empty when it can.
     */
    Optional<String> unavailableReason();

    /** One line per device the backend can use, for {@code lux profile}; empty when it is unavailable. */
    List<String> devices();

    /**
     * A new vote tally on the backend's default device.
     *
     * @throws GpuUnavailableException if the backend cannot run here
     */
    VoteTally newVoteTally();

    /**
     * A new ML-DSA batch verifier on the backend's default device.
     *
     * @throws GpuUnavailableException if the backend cannot run here
     */
    MlDsaBatchVerifier newMlDsaVerifier();
}
