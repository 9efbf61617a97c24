package lux.consensus.tornadovm;

import java.util.List;
import java.util.Optional;
import lux.consensus.kernels.gpu.GpuBackend;
import lux.consensus.kernels.gpu.GpuBackends;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.tally.VoteTally;

/**
 * The TornadoVM GPU backend as the kernels module sees it ({@code -Dlux.kernels=gpu -Dlux.gpu=tornadovm}),
 * declared in {@code META-INF/services}. Usable only in a JVM started with TornadoVM's flags.
 */
public final class TornadoVmBackend implements GpuBackend {

    /** Made by {@link java.util.ServiceLoader}. */
    public TornadoVmBackend() {
    }

    @Override
    public String name() {
        return GpuBackends.TORNADOVM;
    }

    @Override
    public Optional<String> unavailableReason() {
        return TornadoVm.absentReason();
    }

    @Override
    public List<String> devices() {
        if (TornadoVm.absentReason().isPresent()) {
            return List.of();
        }
        String chosen = TornadoVm.describe(TornadoVm.defaultDevice());
        return TornadoVm.devices().stream()
                .map(TornadoVm::describe)
                .map(d -> d.equals(chosen) ? d + " [default]" : d)
                .toList();
    }

    @Override
    public VoteTally newVoteTally() {
        return new TornadoVoteTally();
    }

    @Override
    public MlDsaBatchVerifier newMlDsaVerifier() {
        return new TornadoMlDsaVerifier();
    }
}
