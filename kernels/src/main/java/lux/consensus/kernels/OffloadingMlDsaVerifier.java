package lux.consensus.kernels;

import java.util.Objects;
import java.util.function.Supplier;
import lux.consensus.kernels.gpu.GpuException;
import lux.consensus.kernels.mldsa.MlDsaBatchVerifier;
import lux.consensus.kernels.mldsa.MlDsaKeyRegistry;
import lux.consensus.kernels.mldsa.MlDsaParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(OffloadingMlDsaVerifier.class);

    private final MlDsaBatchVerifier cpu;
    private final Supplier<MlDsaBatchVerifier> openGpu;
    private final int minBatch;
    private final Object gpuLock = new Object();
    private MlDsaBatchVerifier gpu;   // guarded by gpuLock; null until the first large batch
    private boolean gpuUnavailable;   // guarded by gpuLock
    private volatile boolean warnedDeviceError;

    /**
     * @param cpu      verifies batches below {@code minBatch}, and any batch the GPU cannot
     * @param openGpu  opens the GPU verifier; may throw {@link UnsupportedOperationException} (no device)
     * @param minBatch smallest batch sent to the GPU, {@code >= 1}
     */
    OffloadingMlDsaVerifier(MlDsaBatchVerifier cpu, Supplier<MlDsaBatchVerifier> openGpu, int minBatch) {
        if (minBatch < 1) {
            throw new IllegalArgumentException("minBatch must be >= 1, got " + minBatch);
        }
        this.cpu = cpu;
        this.openGpu = openGpu;
        this.minBatch = minBatch;
    }

    @Override
    public boolean[] verify(MlDsaParams params, byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        MlDsaBatchVerifier device = publicKeys != null && publicKeys.length >= minBatch ? gpu() : null;
        if (device == null) {
            return cpu.verify(params, publicKeys, messages, signatures);
        }
        try {
            return device.verify(params, publicKeys, messages, signatures);
        } catch (GpuException e) {
            if (!warnedDeviceError) {
                warnedDeviceError = true;
                LOG.warn("GPU ML-DSA verification failed a batch of {}; verifying it on the CPU ({}) instead: {}",
                        publicKeys.length, cpu.name(), e.getMessage());
            }
            return cpu.verify(params, publicKeys, messages, signatures);
        }
    }

    /** The GPU verifier, opened on first use; null when there is none. */
    private MlDsaBatchVerifier gpu() {
        synchronized (gpuLock) {
            if (gpu == null && !gpuUnavailable) {
                try {
                    gpu = openGpu.get();
                    LOG.info("ML-DSA batches of {} or more go to the GPU ({})", minBatch, gpu.name());
                } catch (UnsupportedOperationException | GpuException | LinkageError e) {
                    gpuUnavailable = true;
                    LOG.warn("the hardware profile offloads ML-DSA batches of {} or more to a GPU, but none can be"
                            + " used; all batches stay on the CPU ({}): {}", minBatch, cpu.name(), e.getMessage());
                }
            }
            return gpu;
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
        return cpu.name() + "+gpu>=" + minBatch;
    }

    @Override
    public String toString() {
        return "OffloadingMlDsaVerifier[" + name() + "]";
    }
}
