package lux.consensus.kernels;

import java.util.Objects;
import java.util.function.Supplier;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaKeyRegistry;
import lux.consensus.kernels.mldsa.MlDsaParams;

/**
 * Automatic GPU offload of ML-DSA batches, as a hardware profile asks for it: batches of at least
 * {@code minBatch} signatures go to the GPU verifier, smaller ones to the CPU verifier, whose answers are
 * the same (every backend computes BouncyCastle's function).
 *
 * <p>The GPU is opened on the first large batch. If it cannot be opened, one WARN line says why and every
 * batch stays on the CPU from then on. If the device fails a batch ({@link GpuException}), one WARN line
 * says so and that batch is verified again on the CPU: nothing is dropped, and later large batches still
 * try the GPU. Bad arguments are the caller's error on either device and are thrown, not retried.
 *
 * <p>Keys registered here go to the CPU verifier (when it is a {@link MlDsaKeyRegistry}), which keeps the
 * per-key precomputation for the batches it verifies.
 */
final class OffloadingMlDsaVerifier implements MlDsaBatchVerifier, MlDsaKeyRegistry {

    private final MlDsaBatchVerifier cpu;
    private final LazyGpu<MlDsaBatchVerifier> gpu;

    /**
     * @param cpu      verifies batches below {@code minBatch}, and any batch the GPU cannot
     * @param openGpu  opens the GPU verifier; may throw {@link UnsupportedOperationException} (no device)
     * @param minBatch smallest batch sent to the GPU, {@code >= 1}
     */
    OffloadingMlDsaVerifier(MlDsaBatchVerifier cpu, Supplier<MlDsaBatchVerifier> openGpu, int minBatch) {
        this.cpu = cpu;
        this.gpu = new LazyGpu<>("ML-DSA batches", minBatch, cpu.name(), openGpu, MlDsaBatchVerifier::name);
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        MlDsaBatchVerifier device = publicKeys == null ? null : gpu.forBatch(publicKeys.length);
        if (device == null) {
            return cpu.verify(params, publicKeys, messages, signatures);
        }
        try {
            return device.verify(params, publicKeys, messages, signatures);
        } catch (GpuException e) {
            gpu.deviceFailed(publicKeys.length, e);
            return cpu.verify(params, publicKeys, messages, signatures);
        }
    }

    @Override
    public boolean register(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey must not be null");
        return cpu instanceof MlDsaKeyRegistry registry && registry.register(publicKey);
    }

    @Override
    public int registeredKeys() {
        return cpu instanceof MlDsaKeyRegistry registry ? registry.registeredKeys() : 0;
    }

    @Override
    public String name() {
        return cpu.name() + "+gpu>=" + gpu.minBatch();
    }

    @Override
    public String toString() {
        return "OffloadingMlDsaVerifier[" + name() + "]";
    }
}
