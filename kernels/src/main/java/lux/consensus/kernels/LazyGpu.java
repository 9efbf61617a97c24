package lux.consensus.kernels;

import java.util.function.Function;
import java.util.function.Supplier;
import lux.consensus.kernels.gpu.GpuException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPU side of an automatic offload: the backend is opened on the first large batch, once; if it cannot be
 * opened, one WARN line says why and the offload stays off. A batch the device fails is reported by one WARN
 * line (the first time) and left to the caller to redo on the CPU.
 *
 * @param <T> the GPU backend type
 */
final class LazyGpu<T> {
    private static final Logger LOG = LoggerFactory.getLogger(LazyGpu.class);

    private final String batches;
    private final int minBatch;
    private final String cpuName;
    private final Supplier<T> open;
    private final Function<T, String> name;
    private T gpu;                    // guarded by this; null until the first large batch
    private boolean unavailable;      // guarded by this
    private volatile boolean warnedDeviceError;

    /**
     * @param batches  what is offloaded, for the log: "ML-DSA batches", "vote tallies"
     * @param minBatch smallest batch sent to the GPU, {@code >= 1}
     * @param cpuName  the CPU backend's name, for the log
     * @param open     opens the GPU backend; may throw {@link UnsupportedOperationException} (no device)
     * @param name     the GPU backend's name, for the log
     */
    LazyGpu(String batches, int minBatch, String cpuName, Supplier<T> open, Function<T, String> name) {
        if (minBatch < 1) {
            throw new IllegalArgumentException("minBatch must be >= 1, got " + minBatch);
        }
        this.batches = batches;
        this.minBatch = minBatch;
        this.cpuName = cpuName;
        this.open = open;
        this.name = name;
    }

    int minBatch() {
        return minBatch;
    }

    /** The GPU backend for a batch of {@code size}: null when the batch is small or there is no device. */
    T forBatch(long size) {
        if (size < minBatch) {
            return null;
        }
        synchronized (this) {
            if (gpu == null && !unavailable) {
                try {
                    gpu = open.get();
                    LOG.info("{} of {} or more go to the GPU ({})", batches, minBatch, name.apply(gpu));
                } catch (UnsupportedOperationException | GpuException | LinkageError e) {
                    unavailable = true;
                    LOG.warn("the hardware profile offloads {} of {} or more to a GPU, but none can be used; all stay"
                            + " on the CPU ({}): {}", batches, minBatch, cpuName, e.getMessage());
                }
            }
            return gpu;
        }
    }

    /** Reports (once) that the device failed a batch of {@code size}, which the caller redoes on the CPU. */
    void deviceFailed(long size, GpuException e) {
        if (!warnedDeviceError) {
            warnedDeviceError = true;
            LOG.warn("the GPU failed {} of size {}; redoing it on the CPU ({}) instead: {}", batches, size, cpuName,
                    e.getMessage());
        }
    }
}
